namespace HumanSecurityAlerts.UnitTests.Infrastructure;

internal sealed record OptionsClass(Type Type, string SectionName, string SettingPrefix);
