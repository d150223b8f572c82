using HumanSecurityAlerts.Validation;

namespace HumanSecurityAlerts.AdminConsole;

/// <summary>The new-release page: the form, and a preview or errors when there are.</summary>
public sealed record ReleasePage(ReleaseForm Form, ReleasePreview? Preview, FieldErrors? Errors);
