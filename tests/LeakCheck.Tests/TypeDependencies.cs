using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;

namespace LeakCheck.Tests;

/// <summary>
/// Which types each type of an assembly uses: base types, interfaces, fields, signatures, locals, and every type,
/// method and field its IL refers to (decoded opcode by opcode, so no token is misread).
/// </summary>
internal static class TypeDependencies
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<ushort, OpCode> s_opcodes = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => (ushort)o.Value);

    public static IEnumerable<(Type From, Type To)> Of(Assembly assembly)
    {
        var found = new HashSet<(Type, Type)>();
        foreach (var type in assembly.GetTypes())
        {
            var used = new HashSet<Type>();
            Add(used, type.BaseType);
            foreach (var contract in type.GetInterfaces())
            {
                Add(used, contract);
            }

            foreach (var field in type.GetFields(Declared))
            {
                Add(used, field.FieldType);
            }

            foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
            {
                Add(used, (method as MethodInfo)?.ReturnType);
                foreach (var parameter in method.GetParameters())
                {
                    Add(used, parameter.ParameterType);
                }

                AddBody(used, type, method);
            }

            foreach (var target in used.Where(t => t.Assembly == assembly))
            {
                if (found.Add((type, target)))
                {
                    yield return (type, target);
                }
            }
        }
    }

    private static void AddBody(HashSet<Type> used, Type type, MethodBase method)
    {
        if (method.GetMethodBody() is not { } body || body.GetILAsByteArray() is not { } il)
        {
            return;
        }

        foreach (var local in body.LocalVariables)
        {
            Add(used, local.LocalType);
        }

        var typeArguments = type.IsGenericType ? type.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            ushort value = il[i];
            if (value == 0xFE)
            {
                value = (ushort)(0xFE00 | il[i + 1]);
                i += 2;
            }
            else
            {
                i++;
            }

            var opcode = s_opcodes[value];
            if (opcode.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                switch (method.Module.ResolveMember(BitConverter.ToInt32(il, i), typeArguments, methodArguments))
                {
                    case Type referenced:
                        Add(used, referenced);
                        break;
                    case FieldInfo field:
                        Add(used, field.DeclaringType);
                        Add(used, field.FieldType);
                        break;
                    case MethodInfo called:
                        Add(used, called.DeclaringType);
                        Add(used, called.ReturnType);
                        break;
                    case MemberInfo member:
                        Add(used, member.DeclaringType);
                        break;
                }
            }

            i += opcode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, i)),
                _ => 4,
            };
        }
    }

    private static void Add(HashSet<Type> used, Type? type)
    {
        if (type is null || !used.Add(type))
        {
            return;
        }

        if (type.HasElementType)
        {
            Add(used, type.GetElementType());
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            Add(used, type.GetGenericTypeDefinition());
            foreach (var argument in type.GetGenericArguments())
            {
                Add(used, argument);
            }
        }
    }
}
