namespace HumanSecurityAlerts.Subscriptions;

/// <summary>Encrypts secrets kept at rest (webhook signing secrets, management tokens) so they are never stored in plain text.</summary>
public interface ISecretProtector
{
    string Protect(string plaintext);

    string Unprotect(string protectedValue);
}
