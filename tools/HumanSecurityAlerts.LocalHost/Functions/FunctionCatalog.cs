using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace HumanSecurityAlerts.LocalHost.Functions;

/// <summary>Reads the <c>[Function]</c> methods and their trigger attributes, so nothing is declared twice.</summary>
internal static class FunctionCatalog
{
    public static IReadOnlyList<FunctionDescriptor> Discover(Assembly assembly)
    {
        var functions = new List<FunctionDescriptor>();
        foreach (var method in assembly.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)))
        {
            if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
            {
                continue;
            }

            foreach (var parameter in method.GetParameters())
            {
                if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is { } http)
                {
                    var methods = (http.Methods is { Length: > 0 } m ? m : ["GET", "POST"]).Select(x => x.ToUpperInvariant()).ToList();
                    functions.Add(new HttpFunctionDescriptor(function.Name, method, methods, http.Route ?? function.Name));
                }
                else if (parameter.GetCustomAttribute<TimerTriggerAttribute>() is { } timer)
                {
                    functions.Add(new TimerFunctionDescriptor(function.Name, method, timer.Schedule, timer.RunOnStartup));
                }
            }
        }

        return functions;
    }
}
