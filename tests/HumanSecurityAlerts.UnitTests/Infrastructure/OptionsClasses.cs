using System.Reflection;

namespace HumanSecurityAlerts.UnitTests.Infrastructure;

/// <summary>Options classes of the app: types with a <c>public const string SectionName</c>.</summary>
internal static class OptionsClasses
{
    public static Assembly FunctionsAssembly { get; } = Assembly.Load("HumanSecurityAlerts.Functions");

    public static IReadOnlyList<OptionsClass> Discover()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<Assembly>([FunctionsAssembly]);
        var found = new List<OptionsClass>();
        while (pending.TryDequeue(out var assembly))
        {
            if (!seen.Add(assembly.GetName().Name!))
            {
                continue;
            }

            foreach (var reference in assembly.GetReferencedAssemblies().Where(a => a.Name!.StartsWith("HumanSecurityAlerts", StringComparison.Ordinal)))
            {
                pending.Enqueue(Assembly.Load(reference));
            }

            foreach (var type in LoadableTypes(assembly))
            {
                if (type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
                    && field.FieldType == typeof(string)
                    && field.GetRawConstantValue() is string section)
                {
                    found.Add(new OptionsClass(type, section, section.Replace(":", "__", StringComparison.Ordinal) + "__"));
                }
            }
        }

        return found;
    }

    public static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }
}
