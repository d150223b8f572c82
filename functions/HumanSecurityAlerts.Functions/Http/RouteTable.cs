using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Azure.Functions.Worker;

namespace HumanSecurityAlerts.Functions.Http;

/// <summary>The routes and methods of this app's HTTP functions, read from their attributes, to tell 404 from 405.</summary>
internal static class RouteTable
{
    private static readonly Lazy<List<(TemplateMatcher Matcher, string[] Methods)>> Routes = new(Read);

    /// <summary>The methods some function accepts at <paramref name="path"/> (under <c>/api</c>); empty when none matches.</summary>
    public static IReadOnlyList<string> AllowedMethods(PathString path)
    {
        if (!path.StartsWithSegments("/api", out var rest))
        {
            return [];
        }

        return Routes.Value
            .Where(r => r.Matcher.TryMatch(rest, new RouteValueDictionary()))
            .SelectMany(r => r.Methods)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static List<(TemplateMatcher, string[])> Read() =>
        typeof(RouteTable).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.IsDefined(typeof(FunctionAttribute)))
            .SelectMany(m => m.GetParameters())
            .Select(p => p.GetCustomAttribute<HttpTriggerAttribute>())
            .OfType<HttpTriggerAttribute>()
            .Where(t => t.Route is not null && !t.Route.Contains('*', StringComparison.Ordinal))
            .Select(t => (new TemplateMatcher(TemplateParser.Parse(t.Route!), new RouteValueDictionary()), (t.Methods ?? ["GET", "POST"]).Select(x => x.ToUpperInvariant()).ToArray()))
            .ToList();
}
