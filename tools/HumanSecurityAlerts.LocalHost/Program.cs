using HumanSecurityAlerts.LocalHost.Environment;

return await LocalEnvironment.RunAsync(args).ConfigureAwait(false);
