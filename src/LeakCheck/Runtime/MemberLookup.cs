using System;
using System.Collections.Generic;
using System.Reflection;

namespace LeakCheck.Runtime;

/// <summary>
/// Resolves the runtime members one mechanism reads, once, and remembers both what it found (for the golden
/// files that pin each runtime version) and what it did not (for the notice that makes the mechanism unavailable).
/// </summary>
internal sealed class MemberLookup
{
    private const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    private readonly List<string> _resolved = [];
    private readonly List<string> _missing = [];

    /// <summary>Gets one line per member found: <c>Task.s_currentActiveTasks: static field Dictionary`2</c>.</summary>
    public IReadOnlyList<string> Resolved => _resolved;

    /// <summary>Gets "missing runtime members: ..." when anything required was not found, otherwise null.</summary>
    public string? UnavailableReason => _missing.Count == 0 ? null : "missing runtime members: " + string.Join(", ", _missing);

    /// <summary>Records a fact about the runtime that is not a member (a lock kind, a clock source), for the goldens.</summary>
    public void Note(string fact) => _resolved.Add(fact);

    /// <summary>Records a required member as missing (for a check that is not a plain lookup).</summary>
    public void Missing(string what) => _missing.Add(what);

    public Type? Type(Assembly assembly, string fullName, bool required = true)
    {
        var type = assembly.GetType(fullName, throwOnError: false);
        if (type is null)
        {
            if (required)
            {
                _missing.Add(fullName + " (type not found)");
            }
        }
        else
        {
            _resolved.Add("type " + fullName);
        }

        return type;
    }

    /// <summary>Finds a field declared on <paramref name="owner"/> or a base type, assignable to <paramref name="expected"/>.</summary>
    public FieldInfo? Field(Type owner, string name, Type expected, bool required = true)
    {
        FieldInfo? field = null;
        for (var t = owner; t is not null && field is null; t = t.BaseType)
        {
            field = t.GetField(name, Any);
        }

        if (field is null || !expected.IsAssignableFrom(field.FieldType))
        {
            if (required)
            {
                _missing.Add($"{owner.Name}.{name} ({(field is null ? "not found" : "type " + field.FieldType.Name)})");
            }

            return null;
        }

        _resolved.Add($"{owner.Name}.{name}: {(field.IsStatic ? "static " : string.Empty)}field {field.FieldType.Name}");
        return field;
    }

    /// <summary>Finds a property declared on <paramref name="owner"/>, assignable to <paramref name="expected"/>.</summary>
    public PropertyInfo? Property(Type owner, string name, Type expected, bool required = true)
    {
        var property = owner.GetProperty(name, Any);
        if (property is null || !expected.IsAssignableFrom(property.PropertyType) || property.GetMethod is null)
        {
            if (required)
            {
                _missing.Add($"{owner.Name}.{name} ({(property is null ? "not found" : "type " + property.PropertyType.Name)})");
            }

            return null;
        }

        _resolved.Add($"{owner.Name}.{name}: {(property.GetMethod.IsStatic ? "static " : string.Empty)}property {property.PropertyType.Name}");
        return property;
    }
}
