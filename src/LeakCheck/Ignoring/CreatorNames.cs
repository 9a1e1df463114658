using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using LeakCheck.Stacks;

namespace LeakCheck.Ignoring;

/// <summary>
/// The names a creator pattern is compared with: for every frame of a creation stack (runtime and library
/// frames included) <c>Namespace.Type.Method</c> and <c>Namespace.Type</c>, with compiler-generated state
/// machines, lambdas and closures written as the method and type that contain them.
/// </summary>
internal static class CreatorNames
{
    public static List<string> Of(StackTrace? trace)
    {
        var names = new List<string>();
        if (trace is null)
        {
            return names;
        }

        foreach (var frame in trace.GetFrames())
        {
            var method = frame.GetMethod();
            if (method?.DeclaringType is not { } type)
            {
                continue;
            }

            var methodName = Unmangle(method.Name);
            while (type.DeclaringType is not null && IsCompilerGenerated(type))
            {
                // <RunAsync>d__3.MoveNext and <Start>b__0 inside <>c__DisplayClass0_0: the user's method is in the type name.
                if (type.Name.StartsWith('<') && (method.Name == "MoveNext" || methodName.StartsWith('<')))
                {
                    methodName = Unmangle(type.Name);
                }

                type = type.DeclaringType;
            }

            var typeName = TypeName(type);
            names.Add(typeName + "." + methodName);
            names.Add(typeName);
        }

        return names;
    }

    private static string TypeName(Type type)
    {
        var name = TypeNames.StripArity(type.Name);
        for (var outer = type.DeclaringType; outer is not null; outer = outer.DeclaringType)
        {
            name = TypeNames.StripArity(outer.Name) + "." + name;
            type = outer;
        }

        return type.Namespace is { Length: > 0 } ns ? ns + "." + name : name;
    }

    /// <summary><c>&lt;Outer&gt;b__0_0</c> and <c>&lt;Outer&gt;d__3</c> are Outer; other names are kept.</summary>
    private static string Unmangle(string name) => UserFrames.TryUnmangle(name, out var outer) ? Unmangle(outer) : name;

    private static bool IsCompilerGenerated(Type type)
        => type.Name.StartsWith('<') || type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false);
}
