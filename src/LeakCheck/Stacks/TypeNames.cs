using System;
using System.Linq;

namespace LeakCheck.Stacks;

/// <summary>Readable type names: <c>MyApp.Cache&lt;String&gt;</c>, not <c>MyApp.Cache`1[[System.String, ...]]</c>.</summary>
internal static class TypeNames
{
    public static string Of(Type type)
    {
        if (type.IsArray)
        {
            return Of(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        var name = type.IsNested && type.DeclaringType is { } declaring
            ? Of(Closed(declaring, type)) + "." + StripArity(type.Name)
            : (type.Namespace is { Length: > 0 } ns ? ns + "." : string.Empty) + StripArity(type.Name);

        if (!type.IsGenericType)
        {
            return name;
        }

        var arguments = type.GetGenericArguments();
        var own = type.IsNested && type.DeclaringType is not null
            ? arguments.Skip(type.DeclaringType.GetGenericArguments().Length).ToArray()
            : arguments;
        return own.Length == 0 ? name : name + "<" + string.Join(", ", own.Select(Short)) + ">";
    }

    /// <summary>The declaring type of a nested type, closed over the nested type's inherited generic arguments.</summary>
    private static Type Closed(Type declaring, Type nested)
    {
        if (!declaring.IsGenericTypeDefinition || nested.IsGenericTypeDefinition || !nested.IsGenericType)
        {
            return declaring;
        }

        var count = declaring.GetGenericArguments().Length;
        return declaring.MakeGenericType(nested.GetGenericArguments().Take(count).ToArray());
    }

    /// <summary>The name without namespace, as used for parameters and generic arguments.</summary>
    public static string Short(Type type)
    {
        if (type.IsArray)
        {
            return Short(type.GetElementType()!) + "[]";
        }

        if (type.IsByRef)
        {
            return Short(type.GetElementType()!);
        }

        var name = StripArity(type.Name);
        return type.IsGenericType && !type.IsGenericTypeDefinition
            ? name + "<" + string.Join(", ", type.GetGenericArguments().Select(Short)) + ">"
            : name;
    }

    internal static string StripArity(string name)
    {
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name[..tick];
    }
}
