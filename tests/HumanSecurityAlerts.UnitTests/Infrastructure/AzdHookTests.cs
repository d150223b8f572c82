using System.Diagnostics;

namespace HumanSecurityAlerts.UnitTests.Infrastructure;

/// <summary>infra/scripts/ensure-secrets.sh, the azd preprovision hook, run with a stand-in <c>azd</c> that keeps the environment in a file.</summary>
public sealed class AzdHookTests : IDisposable
{
    private const string FakeAzd = """
        #!/bin/sh
        store="$AZD_FAKE_ENV"
        touch "$store"
        if [ "$1 $2" = "env get-value" ]; then
          value=$(grep "^$3=" "$store" | cut -d= -f2-)
          if [ -z "$value" ]; then echo "ERROR: key '$3' not found in the environment values" >&2; exit 1; fi
          printf '%s\n' "$value"
        elif [ "$1 $2" = "env set" ]; then
          grep -v "^$3=" "$store" > "$store.tmp" || true
          mv "$store.tmp" "$store"
          printf '%s=%s\n' "$3" "$4" >> "$store"
        fi
        """;

    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("hsa-azd-");

    [Fact]
    public void Generates_both_secrets_once_and_keeps_them_and_any_value_already_set()
    {
        File.WriteAllText(Path.Combine(directory.FullName, ".env"), "SUBSCRIPTIONS_ENCRYPTION_KEY=set-by-the-operator\n");

        RunHook();
        var first = Environment();
        RunHook();
        var second = Environment();

        Assert.True(first["ADMIN_API_KEY"].Length >= 32, first["ADMIN_API_KEY"]);
        Assert.Equal("set-by-the-operator", first["SUBSCRIPTIONS_ENCRYPTION_KEY"]);
        Assert.Equal(first, second);
    }

    [Fact]
    public void The_encryption_key_is_base64_of_32_bytes()
    {
        RunHook();
        var environment = Environment();

        Assert.Equal(32, Convert.FromBase64String(environment["SUBSCRIPTIONS_ENCRYPTION_KEY"]).Length);
        Assert.Equal(48, Convert.FromBase64String(environment["ADMIN_API_KEY"]).Length);
    }

    public void Dispose() => directory.Delete(recursive: true);

    private Dictionary<string, string> Environment() =>
        File.ReadAllLines(Path.Combine(directory.FullName, ".env"))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    private void RunHook()
    {
        var bin = Directory.CreateDirectory(Path.Combine(directory.FullName, "bin")).FullName;
        var azd = Path.Combine(bin, "azd");
        File.WriteAllText(azd, FakeAzd.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(azd, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Testing.RepositoryPaths.Combine("infra", "scripts", "ensure-secrets.sh"));
        start.Environment["PATH"] = bin + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH");
        start.Environment["AZD_FAKE_ENV"] = Path.Combine(directory.FullName, ".env");
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "ensure-secrets.sh did not finish.");
        Assert.True(process.ExitCode == 0, stderr.GetAwaiter().GetResult());
    }
}
