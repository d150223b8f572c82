using System.Diagnostics.CodeAnalysis;

namespace HumanSecurityAlerts.Subscriptions;

/// <summary>
/// What an operation behind a subscriber's link returns: its <typeparamref name="T"/> when the token was accepted and
/// the operation applied, else the reason it was not (so a caller cannot reach the value without checking).
/// </summary>
public sealed class TokenResult<T>
    where T : class
{
    public TokenResult(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
    }

    /// <param name="rejection">Why the token or operation was refused; never <see cref="TokenOutcome.Ok"/>.</param>
    public TokenResult(TokenOutcome rejection)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(rejection, TokenOutcome.Ok);
        Outcome = rejection;
    }

    public TokenOutcome Outcome { get; }

    public T? Value { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsOk => Outcome == TokenOutcome.Ok;
}
