using HumanSecurityAlerts.Configuration;
using HumanSecurityAlerts.DependencyInjection;
using HumanSecurityAlerts.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.UnitTests.Configuration;

public sealed class StartupValidationTests
{
    private const string ValidTables = "UseDevelopmentStorage=true";
    private const string ValidServiceBus = "Endpoint=sb://localhost:5672;SharedAccessKeyName=x;SharedAccessKey=eA==;UseDevelopmentEmulator=true";

    [Theory]
    [InlineData(null, ValidServiceBus, "TableStorage")]
    [InlineData("not a connection string", ValidServiceBus, "TableStorage")]
    [InlineData(ValidTables, null, "ServiceBus")]
    [InlineData(ValidTables, "Endpoint=;garbage", "ServiceBus")]
    public async Task Start_fails_with_the_name_of_a_missing_or_malformed_setting(string? tables, string? serviceBus, string setting)
    {
        using var host = BuildHost(new Dictionary<string, string?> { ["TableStorage"] = tables, ["ServiceBus"] = serviceBus });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains($"'{setting}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identity_based_settings_must_be_well_formed()
    {
        using var host = BuildHost(new Dictionary<string, string?>
        {
            ["TableStorage:tableServiceUri"] = "http://insecure.table.core.windows.net",
            ["ServiceBus:fullyQualifiedNamespace"] = "not a host",
        });

        // Both settings are wrong, so the host reports both at once.
        var error = await Assert.ThrowsAsync<AggregateException>(() => host.StartAsync());

        Assert.All(error.InnerExceptions, e => Assert.IsType<OptionsValidationException>(e));
        Assert.Contains("TableStorage__tableServiceUri", error.Message, StringComparison.Ordinal);
        Assert.Contains("ServiceBus__fullyQualifiedNamespace", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Every secret setting: configuration key, and setting name as the error gives it.</summary>
    public static TheoryData<string, string> SecretSettingKeys { get; } = new()
    {
        { "Admin:ApiKey", "Admin__ApiKey" },
        { "Smtp:Password", "Smtp__Password" },
        { "Subscriptions:EncryptionKey", "Subscriptions__EncryptionKey" },
        { "TableStorage", "TableStorage" },
        { "ServiceBus", "ServiceBus" },
    };

    [Theory]
    [MemberData(nameof(SecretSettingKeys))]
    public async Task Start_refuses_a_secret_setting_that_is_an_unresolved_key_vault_reference(string key, string setting)
    {
        // What App Service passes when it cannot resolve the reference: the reference text itself.
        var settings = new Dictionary<string, string?> { ["TableStorage"] = ValidTables, ["ServiceBus"] = ValidServiceBus };
        settings[key] = "@Microsoft.KeyVault(SecretUri=https://kv-abc123.vault.azure.net/secrets/some-secret)";
        using var host = BuildHost(settings);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.True(error is OptionsValidationException or AggregateException, error.ToString());
        Assert.Contains($"Setting '{setting}' is an unresolved Key Vault reference", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_secret_setting_has_a_start_up_test()
    {
        var tested = SecretSettingKeys.Select(row => (string)row[1]);

        Assert.Equal(SecretSettings.Names.Order(StringComparer.Ordinal), tested.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Trusting_app_service_authentication_without_it_refuses_to_start()
    {
        using var host = BuildHost(new Dictionary<string, string?>
        {
            ["TableStorage"] = ValidTables,
            ["ServiceBus"] = ValidServiceBus,
            ["Admin:TrustAppServiceAuthentication"] = "true",
            ["Admin:AppServiceAuthenticationEnabled"] = "true", // not the platform's word: ignored
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("'Admin__TrustAppServiceAuthentication'", error.Message, StringComparison.Ordinal);
        Assert.Contains("WEBSITE_AUTH_ENABLED", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trusting_app_service_authentication_starts_where_the_platform_enabled_it()
    {
        using var host = BuildHost(new Dictionary<string, string?>
        {
            ["TableStorage"] = ValidTables,
            ["ServiceBus"] = ValidServiceBus,
            ["Admin:TrustAppServiceAuthentication"] = "true",
            ["WEBSITE_AUTH_ENABLED"] = "True",
        });

        await host.StartAsync();
        await host.StopAsync();
    }

    [Theory]
    [InlineData("None", null, false)]
    [InlineData("None", "true", true)]
    [InlineData("StartTls", null, true)]
    [InlineData("SslOnConnect", null, true)]
    public async Task Smtp_credentials_need_an_encrypted_connection_unless_explicitly_allowed(string security, string? allowUnencrypted, bool starts)
    {
        using var host = BuildHost(new Dictionary<string, string?>
        {
            ["TableStorage"] = ValidTables,
            ["ServiceBus"] = ValidServiceBus,
            ["Smtp:Security"] = security,
            ["Smtp:UserName"] = "alerts",
            ["Smtp:Password"] = "password",
            ["Smtp:AllowUnencryptedAuthentication"] = allowUnencrypted,
        });

        if (starts)
        {
            await host.StartAsync();
            await host.StopAsync();
            return;
        }

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("'Smtp__Security'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Smtp_requires_starttls_by_default() => Assert.Equal(SmtpSecurity.StartTls, new SmtpOptions().Security);

    [Fact]
    public async Task Valid_local_settings_start()
    {
        using var host = BuildHost(new Dictionary<string, string?> { ["TableStorage"] = ValidTables, ["ServiceBus"] = ValidServiceBus });

        await host.StartAsync();
        await host.StopAsync();
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddHumanSecurityAlerts(builder.Configuration);
        return builder.Build();
    }
}
