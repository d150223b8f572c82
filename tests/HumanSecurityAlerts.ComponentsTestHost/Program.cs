using System.Globalization;
using HumanSecurityAlerts.LocalComponents;

// Arguments: repository root, Azurite Table port, smtp4dev SMTP port, smtp4dev web port.
var root = args[0];
var (tablePort, smtpPort, webPort) = (Port(args[1]), Port(args[2]), Port(args[3]));
var timeout = TimeSpan.FromSeconds(90);

await using var azurite = await AzuriteServer.StartAsync(root, tablePort, timeout).ConfigureAwait(false);
await using var smtp4dev = await Smtp4devServer.StartAsync(root, smtpPort, webPort, timeout).ConfigureAwait(false);
// The test reads this line, then kills this process.
Console.WriteLine($"ready {azurite.WorkingDirectory}");
await Task.Delay(Timeout.Infinite).ConfigureAwait(false);

static int Port(string value) => int.Parse(value, CultureInfo.InvariantCulture);
