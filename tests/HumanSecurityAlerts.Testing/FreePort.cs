namespace HumanSecurityAlerts.Testing;

public static class FreePort
{
    public static int Next() => LocalComponents.FreePort.Next();
}
