using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HumanSecurityAlerts.Configuration;
using HumanSecurityAlerts.Delivery;
using HumanSecurityAlerts.Functions.Telemetry;
using Microsoft.Extensions.Logging;

namespace HumanSecurityAlerts.UnitTests.Infrastructure;

/// <summary>
/// Compiles infra/main.bicep with the Bicep CLI (NuGet package Azure.Bicep.CommandLine.linux-x64) and checks the
/// result: the ARM JSON of <c>bicep build</c>, and the resources that <c>bicep snapshot</c> predicts (every
/// expression the CLI can evaluate before deployment evaluated, module parameters and copy loops expanded).
/// </summary>
public sealed class BicepTemplateTests(BicepTemplateFixture template) : IClassFixture<BicepTemplateFixture>
{
    private const string SitesConfigType = "Microsoft.Web/sites/config";

    // Settings whose names say they hold a secret; their values must be Key Vault references.
    private static readonly Regex SecretLookingName = new(
        "(password|passwd|pwd|secret|token|key)(?![a-z]|_?vault)|apikey|accesskey",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture,
        TimeSpan.FromSeconds(1));

    [Fact]
    public void Main_template_builds_without_diagnostics()
    {
        Assert.True(template.BuildDiagnostics.Length == 0, $"bicep build reported:\n{template.BuildDiagnostics}");
        Assert.Equal("subscription", template.TargetScope);
    }

    [Fact]
    public void Function_app_sets_every_required_setting_of_every_options_class()
    {
        var settings = template.AppSettings;
        var optionsTypes = OptionsClasses.Discover();
        Assert.Contains(optionsTypes, t => t.SectionName == "TableStorage");
        Assert.Contains(optionsTypes, t => t.SectionName == "ServiceBus");

        var missing = (
            from options in optionsTypes
            from property in options.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            where property.GetCustomAttribute<RequiredAttribute>() is not null
            let name = options.SettingPrefix + property.Name
            where !settings.ContainsKey(name)
            select $"{name} ({options.Type.FullName}.{property.Name} is [Required])").ToList();

        Assert.True(missing.Count == 0, "Settings the app requires but main.bicep does not set:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void Function_app_settings_of_an_options_section_name_a_property_of_it()
    {
        // Catches typos: 'Smtp__Hots' would bind to nothing and the app would fall back to a default.
        var optionsTypes = OptionsClasses.Discover();
        var unknown = new List<string>();
        foreach (var name in template.AppSettings.Keys)
        {
            var options = optionsTypes.FirstOrDefault(o => name.StartsWith(o.SettingPrefix, StringComparison.OrdinalIgnoreCase));
            if (options is null)
            {
                continue;
            }

            var propertyName = name[options.SettingPrefix.Length..].Split("__")[0];
            if (options.Type.GetProperty(propertyName, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is null)
            {
                unknown.Add($"{name}: {options.Type.FullName} has no property '{propertyName}'");
            }
        }

        Assert.True(unknown.Count == 0, "App settings that bind to nothing:\n" + string.Join('\n', unknown));
    }

    [Fact]
    public void Function_app_uses_identity_based_connections_only()
    {
        var settings = template.AppSettings;

        Assert.Equal("managedidentity", Literal(settings, "AzureWebJobsStorage__credential"));
        foreach (var name in new[]
                 {
                     "AzureWebJobsStorage__clientId", "AzureWebJobsStorage__blobServiceUri",
                     "TableStorage__tableServiceUri", "TableStorage__clientId",
                     "ServiceBus__fullyQualifiedNamespace", "ServiceBus__clientId",
                     "APPLICATIONINSIGHTS_CONNECTION_STRING",
                 })
        {
            Assert.False(string.IsNullOrWhiteSpace(Value(settings, name)), $"App setting '{name}' is missing or empty.");
        }

        Assert.Contains("Authorization=AAD", Value(settings, "APPLICATIONINSIGHTS_AUTHENTICATION_STRING"), StringComparison.Ordinal);

        // A value on the section itself would be a connection string (with a key); Flex Consumption also
        // refuses the runtime settings that functionAppConfig replaces.
        foreach (var name in new[] { "AzureWebJobsStorage", "TableStorage", "ServiceBus", "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING" })
        {
            Assert.False(settings.ContainsKey(name), $"App setting '{name}' must not be set.");
        }
    }

    [Fact]
    public void Timer_schedules_read_from_settings_are_set()
    {
        var functionsAssembly = OptionsClasses.FunctionsAssembly;
        var schedules = (
            from type in OptionsClasses.LoadableTypes(functionsAssembly)
            from method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            from parameter in method.GetParameters()
            from attribute in parameter.GetCustomAttributes()
            where attribute.GetType().Name == "TimerTriggerAttribute"
            let schedule = attribute.GetType().GetProperty("Schedule")?.GetValue(attribute) as string
            where schedule is not null && schedule.StartsWith('%') && schedule.EndsWith('%')
            select schedule.Trim('%').Replace(":", "__", StringComparison.Ordinal)).Distinct().ToList();

        var missing = schedules.Where(s => !template.AppSettings.ContainsKey(s)).ToList();
        Assert.True(missing.Count == 0, "Timer schedules read from settings that main.bicep does not set: " + string.Join(", ", missing));
    }

    [Fact]
    public void Service_bus_entities_match_the_local_entity_definitions()
    {
        using var definitions = JsonDocument.Parse(File.ReadAllText(template.PathOf("infra", "servicebus-entities.json")));
        var ns = definitions.RootElement.GetProperty("UserConfig").GetProperty("Namespaces")[0];
        var expected = new Dictionary<string, (string Type, JsonElement Properties)>(StringComparer.Ordinal);
        foreach (var queue in Array(ns, "Queues"))
        {
            expected[$"queues/{queue.GetProperty("Name").GetString()}"] = ("Microsoft.ServiceBus/namespaces/queues", PropertiesOf(queue));
        }

        foreach (var topic in Array(ns, "Topics"))
        {
            var topicName = topic.GetProperty("Name").GetString();
            expected[$"topics/{topicName}"] = ("Microsoft.ServiceBus/namespaces/topics", PropertiesOf(topic));
            foreach (var subscription in Array(topic, "Subscriptions"))
            {
                var subscriptionName = subscription.GetProperty("Name").GetString();
                expected[$"topics/{topicName}/subscriptions/{subscriptionName}"] = ("Microsoft.ServiceBus/namespaces/topics/subscriptions", PropertiesOf(subscription));
                foreach (var rule in Array(subscription, "Rules"))
                {
                    expected[$"topics/{topicName}/subscriptions/{subscriptionName}/rules/{rule.GetProperty("Name").GetString()}"] =
                        ("Microsoft.ServiceBus/namespaces/topics/subscriptions/rules", PropertiesOf(rule));
                }
            }
        }

        Assert.NotEmpty(expected);
        var actual = template.Resources
            .Where(r => r.Type.StartsWith("Microsoft.ServiceBus/namespaces/", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(r => EntityPath(r.Id), r => r, StringComparer.Ordinal);

        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        var mismatches = new List<string>();
        foreach (var (path, (type, properties)) in expected)
        {
            var resource = actual[path];
            Assert.Equal(type, resource.Type, StringComparer.OrdinalIgnoreCase);
            if (type.EndsWith("/rules", StringComparison.Ordinal))
            {
                CompareRule(path, properties, resource.Properties, mismatches);
                continue;
            }

            foreach (var property in properties.EnumerateObject())
            {
                var deployed = resource.Properties?[CamelCase(property.Name)];
                var forwarding = property.Name.StartsWith("Forward", StringComparison.Ordinal);
                if (forwarding && property.Value.ValueKind == JsonValueKind.String && property.Value.GetString()!.Length == 0)
                {
                    // The emulator's "" means "no forwarding": absent in Azure.
                    if (deployed is not null)
                    {
                        mismatches.Add($"{path}: {property.Name} should be absent, is {deployed.ToJsonString()}");
                    }

                    continue;
                }

                if (!JsonNode.DeepEquals(JsonNode.Parse(property.Value.GetRawText()), deployed))
                {
                    mismatches.Add($"{path}: {property.Name} is {property.Value.GetRawText()} locally, {deployed?.ToJsonString() ?? "absent"} in Azure");
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
        var namespaceResource = Assert.Single(template.Resources, r => r.Type == "Microsoft.ServiceBus/namespaces");
        Assert.Equal("Standard", namespaceResource.Node["sku"]?["name"]?.GetValue<string>());
    }

    [Fact]
    public void No_secret_or_key_appears_in_plain_text()
    {
        var json = template.ArmJson;
        foreach (var forbidden in new[] { "listKeys(", "listkeys(", "listConnectionStrings(", "listAuthorizationRules(", "AccountKey=", "SharedAccessKey", "InstrumentationKey=" })
        {
            Assert.DoesNotContain(forbidden, json, StringComparison.OrdinalIgnoreCase);
        }

        var vault = Assert.Single(template.Resources, r => r.Type == "Microsoft.KeyVault/vaults");
        var secretSettings = template.AppSettings.Where(s => SecretLookingName.IsMatch(s.Key)).ToList();
        Assert.NotEmpty(secretSettings);
        foreach (var (name, value) in secretSettings)
        {
            var text = value?.ToString() ?? string.Empty;
            Assert.True(
                text.Contains("@Microsoft.KeyVault(SecretUri=", StringComparison.Ordinal) && text.Contains(vault.Name, StringComparison.Ordinal),
                $"App setting '{name}' looks secret but is not a Key Vault reference to {vault.Name}: {text}");
        }

        // Secret parameters are secure (never logged in the deployment history) and have no literal default.
        foreach (var (name, parameter) in template.Parameters)
        {
            if (SecretLookingName.IsMatch(name))
            {
                Assert.Equal("securestring", parameter?["type"]?.GetValue<string>(), StringComparer.OrdinalIgnoreCase);
                Assert.True(string.IsNullOrEmpty(parameter?["defaultValue"]?.GetValue<string>()), $"Secure parameter '{name}' has a default value.");
            }
        }

        foreach (var output in template.Outputs)
        {
            Assert.False(SecretLookingName.IsMatch(output), $"Output '{output}' looks secret.");
        }
    }

    [Fact]
    public void Storage_is_locked_down()
    {
        var storage = Assert.Single(template.Resources, r => r.Type == "Microsoft.Storage/storageAccounts");
        var p = storage.Properties!;
        Assert.False(p["allowSharedKeyAccess"]!.GetValue<bool>(), "Shared key access must be disabled.");
        Assert.False(p["allowBlobPublicAccess"]!.GetValue<bool>(), "Public blob access must be disabled.");
        Assert.Equal("TLS1_2", p["minimumTlsVersion"]!.GetValue<string>());
        Assert.True(p["supportsHttpsTrafficOnly"]!.GetValue<bool>());
        foreach (var container in template.Resources.Where(r => r.Type == "Microsoft.Storage/storageAccounts/blobServices/containers"))
        {
            Assert.Equal("None", container.Properties?["publicAccess"]?.GetValue<string>());
        }
    }

    [Fact]
    public void Other_services_accept_entra_id_only()
    {
        var serviceBus = Assert.Single(template.Resources, r => r.Type == "Microsoft.ServiceBus/namespaces");
        Assert.True(serviceBus.Properties!["disableLocalAuth"]!.GetValue<bool>(), "Service Bus SAS keys must be disabled.");
        Assert.Equal("1.2", serviceBus.Properties["minimumTlsVersion"]!.GetValue<string>());

        var insights = Assert.Single(template.Resources, r => r.Type == "Microsoft.Insights/components");
        Assert.True(insights.Properties!["DisableLocalAuth"]!.GetValue<bool>(), "Application Insights must take Entra ID authenticated telemetry only.");
        Assert.NotNull(insights.Properties["WorkspaceResourceId"]);
        Assert.Single(template.Resources, r => r.Type == "Microsoft.OperationalInsights/workspaces");

        var vault = Assert.Single(template.Resources, r => r.Type == "Microsoft.KeyVault/vaults");
        Assert.True(vault.Properties!["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.True(vault.Properties["enableSoftDelete"]!.GetValue<bool>());
        Assert.True(vault.Properties["enablePurgeProtection"]!.GetValue<bool>());
    }

    [Fact]
    public void Function_app_runs_dotnet_10_isolated_on_flex_consumption_as_its_managed_identity()
    {
        var plan = Assert.Single(template.Resources, r => r.Type == "Microsoft.Web/serverfarms");
        Assert.Equal("FC1", plan.Node["sku"]?["name"]?.GetValue<string>());
        Assert.Equal("FlexConsumption", plan.Node["sku"]?["tier"]?.GetValue<string>());

        var site = Assert.Single(template.Resources, r => r.Type == "Microsoft.Web/sites");
        Assert.Equal("functionapp,linux", site.Node["kind"]?.GetValue<string>());
        Assert.Equal("api", site.Node["tags"]?["azd-service-name"]?.GetValue<string>());
        Assert.Equal("UserAssigned", site.Node["identity"]?["type"]?.GetValue<string>());
        var identityId = Assert.Single(site.Node["identity"]!["userAssignedIdentities"]!.AsObject()).Key;

        var p = site.Properties!;
        Assert.True(p["httpsOnly"]!.GetValue<bool>());
        Assert.Equal(identityId, p["keyVaultReferenceIdentity"]?.GetValue<string>());
        Assert.Equal("1.2", p["siteConfig"]?["minTlsVersion"]?.GetValue<string>());
        var config = p["functionAppConfig"]!;
        Assert.Equal("dotnet-isolated", config["runtime"]?["name"]?.GetValue<string>());
        Assert.Equal("10.0", config["runtime"]?["version"]?.GetValue<string>());
        Assert.Equal("blobContainer", config["deployment"]?["storage"]?["type"]?.GetValue<string>());
        Assert.Equal("UserAssignedIdentity", config["deployment"]?["storage"]?["authentication"]?["type"]?.GetValue<string>());
        Assert.Equal(identityId, config["deployment"]?["storage"]?["authentication"]?["userAssignedIdentityResourceId"]?.GetValue<string>());
        Assert.NotNull(config["scaleAndConcurrency"]?["maximumInstanceCount"]);

        foreach (var policy in template.Resources.Where(r => r.Type == "Microsoft.Web/sites/basicPublishingCredentialsPolicies"))
        {
            Assert.False(policy.Properties!["allow"]!.GetValue<bool>());
        }

        Assert.Equal(2, template.Resources.Count(r => r.Type == "Microsoft.Web/sites/basicPublishingCredentialsPolicies"));
        Assert.Single(template.Resources, r => r.Type == SitesConfigType && r.Name.EndsWith("/appsettings", StringComparison.Ordinal));
    }

    [Fact]
    public void Azure_Monitor_gets_the_app_telemetry_by_identity_and_an_availability_test_calls_the_readiness_route()
    {
        // The settings the app's OpenTelemetry export reads, Entra ID only (no instrumentation key setting).
        var settings = template.AppSettings;
        Assert.False(string.IsNullOrWhiteSpace(Value(settings, TelemetryExport.ConnectionStringSetting)));
        Assert.Contains("Authorization=AAD", Value(settings, TelemetryExport.AuthenticationStringSetting), StringComparison.Ordinal);
        Assert.False(settings.ContainsKey("APPINSIGHTS_INSTRUMENTATIONKEY"));

        var insights = Assert.Single(template.Resources, r => r.Type == "Microsoft.Insights/components");
        var test = Assert.Single(template.Resources, r => r.Type == "Microsoft.Insights/webtests");
        Assert.Equal("standard", test.Node["kind"]?.GetValue<string>());
        Assert.True(test.Properties!["Enabled"]!.GetValue<bool>());
        var url = test.Properties["Request"]!["RequestUrl"]!.GetValue<string>();
        Assert.StartsWith("[format('https://{0}/api/health/ready'", url, StringComparison.Ordinal);
        Assert.Contains("defaultHostName", url, StringComparison.Ordinal);
        Assert.Equal(200, test.Properties["ValidationRules"]!["ExpectedHttpStatusCode"]!.GetValue<int>());
        Assert.True(test.Properties["Locations"]!.AsArray().Count >= 2);
        Assert.Contains(test.Node["tags"]!.AsObject(), t => t.Key == "hidden-link:" + insights.Id);

        var alert = Assert.Single(template.Resources, r => r.Type == "Microsoft.Insights/metricAlerts"
            && r.Properties!["criteria"]!["odata.type"]!.GetValue<string>() == "Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria");
        Assert.Equal(test.Id, alert.Properties!["criteria"]!["webTestId"]!.GetValue<string>());
        var actionGroup = Assert.Single(template.Resources, r => r.Type == "Microsoft.Insights/actionGroups");
        Assert.Contains(alert.Properties["actions"]!.AsArray(), a => a!["actionGroupId"]!.GetValue<string>() == actionGroup.Id);

        // The route it calls is the app's readiness function (route prefix "api").
        using var metadata = JsonDocument.Parse(File.ReadAllText(Functions.FunctionsMetadataTests.MetadataPath()));
        Assert.Contains(metadata.RootElement.EnumerateArray(), f => f.GetProperty("bindings").EnumerateArray()
            .Any(b => b.TryGetProperty("route", out var route) && route.GetString() == "health/ready"));
    }

    [Theory]
    [InlineData("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Microsoft.Storage/storageAccounts")] // Storage Blob Data Owner
    [InlineData("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Microsoft.Storage/storageAccounts")] // Storage Table Data Contributor
    [InlineData("4633458b-17de-408a-b874-0445c86b69e6", "Microsoft.KeyVault/vaults")] // Key Vault Secrets User
    [InlineData("3913510d-42f4-4e42-8a64-420c390055eb", "Microsoft.Insights/components")] // Monitoring Metrics Publisher
    public void Managed_identity_holds_the_role_on_the_resource(string roleDefinitionId, string scopeType)
    {
        var identity = Assert.Single(template.Resources, r => r.Type == "Microsoft.ManagedIdentity/userAssignedIdentities");
        var assignment = Assert.Single(
            template.Resources,
            r => r.Type == "Microsoft.Authorization/roleAssignments"
                && (r.Properties?["roleDefinitionId"]?.GetValue<string>() ?? string.Empty).EndsWith("/" + roleDefinitionId, StringComparison.OrdinalIgnoreCase)
                && (r.Properties?["principalId"]?.GetValue<string>() ?? string.Empty).Contains(identity.Id, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("ServicePrincipal", assignment.Properties!["principalType"]!.GetValue<string>());
        Assert.Contains($"/providers/{scopeType}/", assignment.Id, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Service_bus_data_roles_are_scoped_to_the_entities()
    {
        var identity = Assert.Single(template.Resources, r => r.Type == "Microsoft.ManagedIdentity/userAssignedIdentities");
        var appAssignments = template.Resources
            .Where(r => r.Type == "Microsoft.Authorization/roleAssignments"
                && (r.Properties?["principalId"]?.GetValue<string>() ?? string.Empty).Contains(identity.Id, StringComparison.OrdinalIgnoreCase))
            .ToList();
        string[] ScopesOf(string roleDefinitionId) =>
        [
            .. appAssignments
                .Where(r => r.Properties!["roleDefinitionId"]!.GetValue<string>().EndsWith("/" + roleDefinitionId, StringComparison.OrdinalIgnoreCase))
                .Select(r => EntityPath(AssignmentScope.Match(r.Id).Groups[1].Value))
                .Order(StringComparer.Ordinal),
        ];

        var entities = ServiceBusEntities();
        Assert.Equal(
            entities.Queues.Select(q => $"queues/{q}").Concat(entities.Topics.Select(t => $"topics/{t}")).Order(StringComparer.Ordinal),
            ScopesOf(ServiceBusDataSender));
        Assert.Equal(
            entities.Queues.Select(q => $"queues/{q}").Concat(entities.Subscriptions.Select(s => $"topics/{s.Topic}/subscriptions/{s.Subscription}")).Order(StringComparer.Ordinal),
            ScopesOf(ServiceBusDataReceiver));
    }

    [Fact]
    public void Operator_roles_go_to_the_deploying_principal_by_default()
    {
        var operatorAssignments = template.Resources
            .Where(r => r.Type == "Microsoft.Authorization/roleAssignments"
                && (r.Properties?["principalId"]?.GetValue<string>() ?? string.Empty).Contains("deployer()", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(operatorAssignments);
        // No principal type: a pipeline's service principal deploys as well as a user.
        Assert.All(operatorAssignments, r => Assert.Null(r.Properties!["principalType"]));
        Assert.Equal(string.Empty, template.Parameters["principalType"]?["defaultValue"]?.GetValue<string>());
    }

    [Fact]
    public void Every_key_vault_reference_is_a_secret_setting_the_app_refuses_unresolved()
    {
        var references = Full.AppSettings.Where(s => IsKeyVaultReference(s.Value)).Select(s => s.Key).ToList();

        Assert.Contains("Smtp__Password", references);
        Assert.Empty(references.Except(SecretSettings.Names, StringComparer.Ordinal));
        // Every secret setting the app declares is either a Key Vault reference or, like the connection strings, not set in Azure.
        Assert.All(SecretSettings.Names, name => Assert.True(!Full.AppSettings.TryGetValue(name, out var value) || IsKeyVaultReference(value), $"{name} is set in Azure but not a Key Vault reference."));
    }

    [Fact]
    public void Every_referenced_secret_is_written_before_the_app_settings()
    {
        foreach (var snapshot in new[] { template.Resources, Full.Resources }.Zip([template.AppSettings, Full.AppSettings]))
        {
            var written = snapshot.First
                .Where(r => r.Type == "Microsoft.KeyVault/vaults/secrets")
                .Select(r => r.Name.Split('/')[^1])
                .ToHashSet(StringComparer.Ordinal);
            foreach (var (name, value) in snapshot.Second.Where(s => IsKeyVaultReference(s.Value)))
            {
                // The vault's DNS suffix is known at deployment only: "[format('@Microsoft.KeyVault(...)', ..., 'secret-name')]".
                var secret = ReferencedSecret.Match(value!.GetValue<string>()).Groups[1].Value;
                Assert.True(written.Contains(secret), $"App setting '{name}' references secret '{secret}', which the deployment does not write.");
            }
        }

        // The app settings wait for every module that writes a secret, so the first start resolves every reference.
        var resources = template.Arm["resources"]!.AsObject();
        var appSettingsDependencies = resources.Single(r => r.Value!["properties"]?["template"]?.ToJsonString().Contains("\"Microsoft.Web/sites/config\"", StringComparison.Ordinal) == true
                && r.Value["properties"]!["template"]!.ToJsonString().Contains("appsettings", StringComparison.Ordinal))
            .Value!["dependsOn"]!.AsArray().Select(d => d!.GetValue<string>()).ToList();
        var secretWriters = resources
            .Where(r => r.Value!["properties"]?["template"]?.ToJsonString().Contains("Microsoft.KeyVault/vaults/secrets", StringComparison.Ordinal) == true)
            .Select(r => r.Key)
            .ToList();
        Assert.NotEmpty(secretWriters);
        Assert.Empty(secretWriters.Except(appSettingsDependencies));
    }

    [Theory]
    [InlineData("adminApiKey")]
    [InlineData("subscriptionsEncryptionKey")]
    public void A_secret_parameter_cannot_be_empty(string parameter)
    {
        var parameterNode = template.Parameters[parameter]!;
        Assert.Null(parameterNode["defaultValue"]);
        Assert.True(parameterNode["minLength"]?.GetValue<int>() >= 32, $"{parameter} needs a minimum length.");

        var snapshot = template.Snapshot(new Dictionary<string, string> { [parameter] = "''" });

        Assert.NotEqual(0, snapshot.ExitCode);
    }

    [Fact]
    public void An_smtp_user_name_without_a_password_fails_the_deployment()
    {
        var snapshot = template.Snapshot(new Dictionary<string, string> { ["smtpUserName"] = "'alerts'" });

        Assert.NotEqual(0, snapshot.ExitCode);
        Assert.Contains("smtpPassword", snapshot.Error, StringComparison.Ordinal);
        Assert.False(template.AppSettings.ContainsKey("Smtp__Password"), "Without a user name there is no password to reference.");
    }

    [Fact]
    public void The_delivery_ledger_is_sharded_on_azure_past_one_partitions_write_rate()
    {
        Assert.Equal("8", Literal(template.AppSettings, "Delivery__LedgerShards"));
    }

    [Fact]
    public void Trusting_app_service_authentication_deploys_it_with_entra_id()
    {
        Assert.DoesNotContain(template.Resources, IsAuthSettings);
        Assert.Equal("False", Literal(template.AppSettings, "Admin__TrustAppServiceAuthentication"));

        var auth = Assert.Single(Full.Resources, IsAuthSettings);
        Assert.Equal("True", Literal(Full.AppSettings, "Admin__TrustAppServiceAuthentication"));
        var p = auth.Properties!;
        Assert.True(p["platform"]!["enabled"]!.GetValue<bool>());
        var entra = p["identityProviders"]!["azureActiveDirectory"]!;
        Assert.True(entra["enabled"]!.GetValue<bool>());
        Assert.Equal(FullClientId, entra["registration"]!["clientId"]!.GetValue<string>());
        Assert.Contains("api://" + FullClientId, entra["validation"]!["allowedAudiences"]!.AsArray().Select(a => a!.GetValue<string>()));
        // Public pages stay anonymous; the app checks the role on admin endpoints.
        Assert.Equal("AllowAnonymous", p["globalValidation"]!["unauthenticatedClientAction"]!.GetValue<string>());

        var appSettings = template.Arm["resources"]!["appSettings"]!["dependsOn"]!.AsArray().Select(d => d!.GetValue<string>());
        Assert.Contains("authentication", appSettings);
    }

    [Fact]
    public void Trusting_app_service_authentication_without_an_app_registration_fails_the_deployment()
    {
        var snapshot = template.Snapshot(new Dictionary<string, string> { ["adminTrustAppServiceAuthentication"] = "true" });

        Assert.NotEqual(0, snapshot.ExitCode);
        Assert.Contains("adminAuthClientId", snapshot.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_table_the_code_uses_is_created()
    {
        var codeTables = CodeTables();
        var created = template.Resources
            .Where(r => r.Type == "Microsoft.Storage/storageAccounts/tableServices/tables")
            .Select(r => r.Name.Split('/')[^1])
            .ToList();
        var prefix = Literal(template.AppSettings, "TableStorage__tablePrefix");

        Assert.True(codeTables.Count >= 12, "Found only: " + string.Join(", ", codeTables));
        Assert.Equal(codeTables.Select(t => prefix + t).Order(StringComparer.Ordinal), created.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Tables_are_opened_only_by_the_names_the_template_test_finds()
    {
        // A table opened with a literal or a name outside the stores' constants would escape the check above.
        var names = CodeTables();
        var call = new Regex(@"\.(GetTableAsync|GetWriteBatcherAsync|GetRowReadBatcherAsync)\(\s*([^,)]+)", RegexOptions.None, TimeSpan.FromSeconds(1));
        var unknown = new List<string>();
        foreach (var file in Directory.EnumerateFiles(template.PathOf("shared"), "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            foreach (Match match in call.Matches(File.ReadAllText(file)))
            {
                var argument = match.Groups[2].Value.Trim();
                if (Path.GetFileName(file) != "TableProvider.cs" && !TableConstants().Any(c => c.Field == argument))
                {
                    unknown.Add($"{Path.GetFileName(file)}: {match.Value}");
                }
            }
        }

        Assert.NotEmpty(names);
        Assert.True(unknown.Count == 0, "Tables opened by something other than a store's table constant:\n" + string.Join('\n', unknown));
    }

    [Fact]
    public void Storage_is_zone_redundant_and_locked_with_the_vault()
    {
        var storage = Assert.Single(template.Resources, r => r.Type == "Microsoft.Storage/storageAccounts");
        var vault = Assert.Single(template.Resources, r => r.Type == "Microsoft.KeyVault/vaults");
        Assert.Equal("Standard_ZRS", storage.Node["sku"]?["name"]?.GetValue<string>());

        var locks = template.Resources.Where(r => r.Type == "Microsoft.Authorization/locks").ToList();
        foreach (var target in new[] { storage, vault })
        {
            Assert.Contains(locks, l => l.Id.StartsWith(target.Id + "/providers/", StringComparison.OrdinalIgnoreCase) && l.Properties?["level"]?.GetValue<string>() == "CanNotDelete");
        }

        Assert.DoesNotContain(template.Snapshot(new Dictionary<string, string> { ["resourceLocks"] = "false" }).Resources, r => r.Type == "Microsoft.Authorization/locks");
    }

    [Fact]
    public void Private_networking_is_off_by_default()
    {
        Assert.DoesNotContain(template.Resources, r => r.Type.StartsWith("Microsoft.Network/", StringComparison.Ordinal));
        Assert.Null(Assert.Single(template.Resources, r => r.Type == "Microsoft.Web/sites").Properties!["virtualNetworkSubnetId"]);
    }

    [Fact]
    public void Private_networking_puts_storage_service_bus_and_key_vault_behind_private_endpoints()
    {
        var snapshot = template.Snapshot(new Dictionary<string, string> { ["privateNetworking"] = "true" });
        Assert.True(snapshot.ExitCode == 0, snapshot.Error);
        var resources = snapshot.Resources;
        PredictedResource One(string type) => Assert.Single(resources, r => r.Type == type);

        var storage = One("Microsoft.Storage/storageAccounts");
        var serviceBus = One("Microsoft.ServiceBus/namespaces");
        var vault = One("Microsoft.KeyVault/vaults");
        var endpoints = resources.Where(r => r.Type == "Microsoft.Network/privateEndpoints")
            .SelectMany(r => r.Properties!["privateLinkServiceConnections"]!.AsArray())
            .Select(c => (Target: c!["properties"]!["privateLinkServiceId"]!.GetValue<string>(), Group: c["properties"]!["groupIds"]![0]!.GetValue<string>()))
            .ToList();
        Assert.Equal(
            new[] { (storage.Id, "blob"), (storage.Id, "table"), (serviceBus.Id, "namespace"), (vault.Id, "vault") }.Order(),
            endpoints.Order());
        Assert.Equal(4, resources.Count(r => r.Type == "Microsoft.Network/privateEndpoints/privateDnsZoneGroups"));
        Assert.Equal(4, resources.Count(r => r.Type == "Microsoft.Network/privateDnsZones/virtualNetworkLinks"));

        foreach (var service in new[] { storage, serviceBus, vault })
        {
            Assert.Equal("Disabled", service.Properties!["publicNetworkAccess"]!.GetValue<string>());
        }

        Assert.Equal("Premium", serviceBus.Node["sku"]?["name"]?.GetValue<string>());
        var subnetId = One("Microsoft.Web/sites").Properties!["virtualNetworkSubnetId"]!.GetValue<string>();
        var network = One("Microsoft.Network/virtualNetworks");
        var appSubnet = Assert.Single(network.Properties!["subnets"]!.AsArray(), s => subnetId.EndsWith("/subnets/" + s!["name"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.StartsWith(network.Id, subnetId, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Microsoft.App/environments", appSubnet!["properties"]!["delegations"]![0]!["properties"]!["serviceName"]!.GetValue<string>());
    }

    [Fact]
    public void Every_service_sends_its_diagnostics_to_log_analytics()
    {
        var workspace = Assert.Single(template.Resources, r => r.Type == "Microsoft.OperationalInsights/workspaces");
        var settings = template.Resources.Where(r => r.Type == "Microsoft.Insights/diagnosticSettings").ToList();
        var storage = Assert.Single(template.Resources, r => r.Type == "Microsoft.Storage/storageAccounts");
        var targets = new[]
        {
            (Assert.Single(template.Resources, r => r.Type == "Microsoft.Web/sites").Id, Logs: true),
            (Assert.Single(template.Resources, r => r.Type == "Microsoft.ServiceBus/namespaces").Id, Logs: true),
            (Assert.Single(template.Resources, r => r.Type == "Microsoft.KeyVault/vaults").Id, Logs: true),
            (storage.Id, Logs: false), // metrics only at the account level
            (storage.Id + "/tableServices/default", Logs: true),
            (storage.Id + "/blobServices/default", Logs: true),
        };

        foreach (var (target, logs) in targets)
        {
            var setting = settings.SingleOrDefault(s => s.Id.StartsWith(target + "/providers/Microsoft.Insights/diagnosticSettings/", StringComparison.OrdinalIgnoreCase));
            Assert.True(setting is not null, $"No diagnostic setting on {target}.");
            Assert.Equal(workspace.Id, setting.Properties!["workspaceId"]!.GetValue<string>(), StringComparer.OrdinalIgnoreCase);
            Assert.NotEmpty(setting.Properties["metrics"]!.AsArray());
            if (logs)
            {
                Assert.NotEmpty(setting.Properties["logs"]!.AsArray());
            }
        }
    }

    [Fact]
    public void Alerts_watch_every_entity_and_failure_and_mail_the_operators()
    {
        var actionGroup = Assert.Single(template.Resources, r => r.Type == "Microsoft.Insights/actionGroups");
        Assert.Contains("operators@example.org", actionGroup.Properties!["emailReceivers"]!.AsArray().Select(e => e!["emailAddress"]!.GetValue<string>()));

        var metricAlerts = template.Resources.Where(r => r.Type == "Microsoft.Insights/metricAlerts").ToList();
        var entities = ServiceBusEntities();
        var watched = entities.Queues.Select(q => (Label: q, Entity: q)).Concat(entities.Subscriptions.Select(s => (Label: $"{s.Topic}-{s.Subscription}", Entity: s.Topic)));
        foreach (var (label, entity) in watched)
        {
            foreach (var metric in new[] { "DeadletteredMessages", "ActiveMessages" })
            {
                Assert.True(
                    metricAlerts.Any(a => a.Name.Contains(label, StringComparison.Ordinal)
                        && a.Properties!["criteria"]!["allOf"]!.AsArray().Any(c => c!["metricName"]!.GetValue<string>() == metric
                            && c["dimensions"]!.AsArray().Any(d => d!["name"]!.GetValue<string>() == "EntityName" && d["values"]!.AsArray().Any(v => v!.GetValue<string>() == entity)))),
                    $"No {metric} alert for {label}.");
            }
        }

        var logAlerts = template.Resources.Where(r => r.Type == "Microsoft.Insights/scheduledQueryRules").ToDictionary(r => r.Name, StringComparer.Ordinal);
        Assert.Contains("AppRequests", Query(logAlerts, "function-failures"), StringComparison.Ordinal);
        Assert.Contains(UnresolvedReferenceMessage(), Query(logAlerts, "key-vault-reference-failures"), StringComparison.Ordinal);
        Assert.Contains("SecretGet", Query(logAlerts, "key-vault-reference-failures"), StringComparison.Ordinal);
        Assert.Contains(WebhookDisabledMessagePrefix(), Query(logAlerts, "webhook-endpoint-disabled"), StringComparison.Ordinal);

        var readme = File.ReadAllText(template.PathOf("infra", "README.md"));
        foreach (var alert in metricAlerts.Concat(logAlerts.Values))
        {
            var actions = alert.Properties!["actions"]!;
            var groups = actions is JsonArray array ? array.Select(a => a!["actionGroupId"]!.GetValue<string>()) : actions["actionGroups"]!.AsArray().Select(a => a!.GetValue<string>());
            Assert.Contains(actionGroup.Id, groups, StringComparer.OrdinalIgnoreCase);
            Assert.False(string.IsNullOrWhiteSpace(alert.Properties["description"]?.GetValue<string>()), $"Alert {alert.Name} says nothing about what to do.");
            Assert.True(readme.Contains($"`{alert.Name}`", StringComparison.Ordinal), $"infra/README.md does not list alert {alert.Name} with its first step.");
        }
    }

    // "[extensionResourceId('<scope id>', 'Microsoft.Authorization/roleAssignments', ...)]": ids with a run-time principal.
    private static readonly Regex AssignmentScope = new(@"^\[extensionResourceId\('([^']+)'", RegexOptions.None, TimeSpan.FromSeconds(1));

    private static readonly Regex ReferencedSecret = new(@"'([^']+)'\)\]$", RegexOptions.None, TimeSpan.FromSeconds(1));

    private const string ServiceBusDataSender = "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39";
    private const string ServiceBusDataReceiver = "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0";
    private const string FullClientId = "11111111-2222-3333-4444-555555555555";

    /// <summary>Everything optional switched on: SMTP authentication and App Service Authentication.</summary>
    private BicepSnapshot Full
    {
        get
        {
            var snapshot = template.Snapshot(new Dictionary<string, string>
            {
                ["smtpUserName"] = "'alerts'",
                ["smtpPassword"] = "'sample-smtp-password'",
                ["adminTrustAppServiceAuthentication"] = "true",
                ["adminAuthClientId"] = $"'{FullClientId}'",
            });
            Assert.True(snapshot.ExitCode == 0, snapshot.Error);
            return snapshot;
        }
    }

    private static bool IsAuthSettings(PredictedResource r) => r.Type == SitesConfigType && r.Name.EndsWith("/authsettingsV2", StringComparison.Ordinal);

    private static bool IsKeyVaultReference(JsonNode? value) =>
        value?.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Contains("@Microsoft.KeyVault(SecretUri=", StringComparison.Ordinal);

    private static string Query(Dictionary<string, PredictedResource> alerts, string name)
    {
        Assert.True(alerts.TryGetValue(name, out var alert), $"No log alert '{name}'.");
        return alert.Properties!["criteria"]!["allOf"]![0]!["query"]!.GetValue<string>();
    }

    private static string UnresolvedReferenceMessage()
    {
        var message = new UnresolvedKeyVaultReferenceValidator<ReferenceProbe>("X", o => o.Value).Validate(null, new ReferenceProbe("@Microsoft.KeyVault(SecretUri=x)")).FailureMessage!;
        return message["Setting 'X' ".Length..message.IndexOf(':', StringComparison.Ordinal)];
    }

    private static string WebhookDisabledMessagePrefix()
    {
        var message = (
            from method in typeof(DeliveryService).GetMethods(BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static)
            from attribute in method.GetCustomAttributes<LoggerMessageAttribute>()
            where attribute.Message.StartsWith("Disabled webhook", StringComparison.Ordinal)
            select attribute.Message).Single();
        return message[..message.IndexOf('{', StringComparison.Ordinal)].TrimEnd();
    }

    private static (string[] Queues, string[] Topics, (string Topic, string Subscription)[] Subscriptions) ServiceBusEntities()
    {
        using var definitions = JsonDocument.Parse(File.ReadAllText(Testing.RepositoryPaths.Combine("infra", "servicebus-entities.json")));
        var ns = definitions.RootElement.GetProperty("UserConfig").GetProperty("Namespaces")[0];
        var topics = Array(ns, "Topics");
        return (
            [.. Array(ns, "Queues").Select(q => q.GetProperty("Name").GetString()!)],
            [.. topics.Select(t => t.GetProperty("Name").GetString()!)],
            [.. topics.SelectMany(t => Array(t, "Subscriptions").Select(s => (t.GetProperty("Name").GetString()!, s.GetProperty("Name").GetString()!)))]);
    }

    /// <summary>Logical table names: the table constants of the stores (classes built on TableProvider).</summary>
    private static List<string> CodeTables() => [.. TableConstants().Select(c => c.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static IEnumerable<(string Field, string Value)> TableConstants() =>
        from type in typeof(SecretSettings).Assembly.GetTypes()
        where type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).Any(c => c.GetParameters().Any(p => p.ParameterType.Name == "TableProvider"))
        from field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
        where field.IsLiteral && field.FieldType == typeof(string) && (field.Name == "TableName" || field.Name.EndsWith("Table", StringComparison.Ordinal))
        select (field.Name, (string)field.GetRawConstantValue()!);

    private sealed record ReferenceProbe(string Value);

    [Fact]
    public void Azd_files_match_the_template()
    {
        using var parameters = JsonDocument.Parse(File.ReadAllText(template.PathOf("infra", "main.parameters.json")));
        var given = parameters.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var declared = template.Parameters.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(given.Except(declared));
        Assert.Empty(template.Parameters.Where(p => p.Value?["defaultValue"] is null).Select(p => p.Key).Except(given));
        Assert.Contains("${AZURE_ENV_NAME}", parameters.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("${AZURE_LOCATION}", parameters.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("${AZURE_PRINCIPAL_ID}", parameters.RootElement.GetRawText(), StringComparison.Ordinal);

        var azureYaml = File.ReadAllText(template.PathOf("azure.yaml"));
        Assert.Matches(new Regex(@"^\s+api:\s*$", RegexOptions.Multiline, TimeSpan.FromSeconds(1)), azureYaml);
        Assert.Contains("project: ./functions/HumanSecurityAlerts.Functions", azureYaml, StringComparison.Ordinal);
        Assert.True(Directory.Exists(template.PathOf("functions", "HumanSecurityAlerts.Functions")));
        Assert.Contains("host: function", azureYaml, StringComparison.Ordinal);

        foreach (var output in new[] { "AZURE_FUNCTION_APP_NAME", "SERVICE_API_ENDPOINT", "SERVICE_API_NAME", "AZURE_LOCATION", "AZURE_TENANT_ID" })
        {
            Assert.Contains(output, template.Outputs);
        }

        Assert.All(template.Outputs, o => Assert.Matches("^[A-Z][A-Z0-9_]*$", o));
    }

    private static void CompareRule(string path, JsonElement local, JsonNode? deployed, List<string> mismatches)
    {
        var filterType = local.TryGetProperty("FilterType", out var f) ? f.GetString() : null;
        var sql = string.Equals(filterType, "Sql", StringComparison.OrdinalIgnoreCase) || string.Equals(filterType, "SqlFilter", StringComparison.OrdinalIgnoreCase);
        void Expect(string what, JsonNode? expected, JsonNode? actual)
        {
            if (!JsonNode.DeepEquals(expected, actual))
            {
                mismatches.Add($"{path}: {what} is {expected?.ToJsonString() ?? "absent"} locally, {actual?.ToJsonString() ?? "absent"} in Azure");
            }
        }

        Expect("FilterType", sql ? "SqlFilter" : "CorrelationFilter", deployed?["filterType"]);
        if (sql)
        {
            Expect("SqlFilter.SqlExpression", local.GetProperty("SqlFilter").GetProperty("SqlExpression").GetString(), deployed?["sqlFilter"]?["sqlExpression"]);
        }
        else if (local.TryGetProperty("CorrelationFilter", out var correlation))
        {
            foreach (var property in correlation.EnumerateObject())
            {
                Expect($"CorrelationFilter.{property.Name}", JsonNode.Parse(property.Value.GetRawText()), deployed?["correlationFilter"]?[CamelCase(property.Name)]);
            }
        }

        if (local.TryGetProperty("Action", out var action) && action.TryGetProperty("SqlExpression", out var actionSql))
        {
            Expect("Action.SqlExpression", actionSql.GetString(), deployed?["action"]?["sqlExpression"]);
        }
    }

    private static string? Literal(IReadOnlyDictionary<string, JsonNode?> settings, string name) =>
        settings.TryGetValue(name, out var value) ? value?.GetValue<string>() : null;

    private static string Value(IReadOnlyDictionary<string, JsonNode?> settings, string name) =>
        settings.TryGetValue(name, out var value) ? value?.ToString() ?? string.Empty : string.Empty;

    private static JsonElement[] Array(JsonElement element, string name) =>
        element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array ? [.. array.EnumerateArray()] : [];

    private static JsonElement PropertiesOf(JsonElement entity) =>
        entity.TryGetProperty("Properties", out var properties) ? properties : JsonDocument.Parse("{}").RootElement;

    private static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    // ".../namespaces/sb-x/topics/t/subscriptions/s" -> "topics/t/subscriptions/s"
    private static string EntityPath(string resourceId)
    {
        var parts = resourceId.Split('/');
        var ns = System.Array.FindIndex(parts, p => p.Equals("namespaces", StringComparison.OrdinalIgnoreCase));
        return string.Join('/', parts.Skip(ns + 2));
    }
}
