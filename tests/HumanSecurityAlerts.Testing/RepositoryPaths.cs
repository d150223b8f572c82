namespace HumanSecurityAlerts.Testing;

public static class RepositoryPaths
{
    /// <summary>The folder holding HumanSecurityAlerts.sln, found from the test binaries upwards.</summary>
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HumanSecurityAlerts.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"HumanSecurityAlerts.sln not found above {AppContext.BaseDirectory}.");
    }
}
