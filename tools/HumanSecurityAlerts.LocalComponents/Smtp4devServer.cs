namespace HumanSecurityAlerts.LocalComponents;

/// <summary>
/// smtp4dev, the local mail catcher, from the repository's .NET tool manifest. It listens on loopback only, SMTP and
/// web UI alike: it accepts mail for any address and shows all of it, so on a shared network anyone could relay
/// through it or read the confirmation and manage links it holds. It runs under <see cref="ParentWatchdog"/>, so it
/// stops with the process that started it, as Azurite does, and leaves no port held behind a killed local run.
/// </summary>
public static class Smtp4devServer
{
    public static Task<ChildProcess> StartAsync(string root, int smtpPort, int webPort, TimeSpan timeout) =>
        ChildProcess.StartAsync(
            "smtp4dev",
            "node",
            [
                "-e", ParentWatchdog.SpawnScript,
                "dotnet", "tool", "run", "smtp4dev", "--",
                $"--urls=http://127.0.0.1:{webPort}", $"--smtpport={smtpPort}", "--allowremoteconnections-", "--bindaddress=127.0.0.1",
                "--imapport=", "--pop3port=", "--db=", "--nousersettings",
            ],
            root,
            "Now listening on",
            timeout,
            holdStandardInput: true);
}
