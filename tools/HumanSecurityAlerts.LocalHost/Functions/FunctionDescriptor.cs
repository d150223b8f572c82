using System.Reflection;

namespace HumanSecurityAlerts.LocalHost.Functions;

/// <summary>A function found on the Functions app by reflection, with its trigger.</summary>
internal abstract record FunctionDescriptor(string Name, MethodInfo Method);

/// <param name="Route">The route without the <c>api/</c> prefix, as in <c>[HttpTrigger(Route = ...)]</c>.</param>
internal sealed record HttpFunctionDescriptor(string Name, MethodInfo Method, IReadOnlyList<string> Methods, string Route)
    : FunctionDescriptor(Name, Method);

/// <param name="Schedule">As written on the attribute, possibly a <c>%Setting%</c> expression.</param>
internal sealed record TimerFunctionDescriptor(string Name, MethodInfo Method, string Schedule, bool RunOnStartup)
    : FunctionDescriptor(Name, Method);
