using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace LeakCheck.Runtime;

/// <summary>
/// Lists the fields and methods a runtime method's IL refers to, so that a lock protocol LeakCheck joins (the task
/// registry's, the timer queue's) is checked on the runtime it runs on instead of assumed from one version's source.
/// </summary>
/// <remarks>
/// It reads every 4-byte token after a call, field-load or newobj opcode byte and keeps those that resolve to a
/// member; a misaligned read resolves to nothing or to an unrelated member, which only matters if it happened to
/// be exactly the member asked for.
/// </remarks>
internal static class ILReferences
{
    private static readonly byte[] s_tokenOpcodes = [0x28, 0x6F, 0x73, 0x7B, 0x7C, 0x7E, 0x7F, 0x80, 0x7D];

    /// <summary>The members referred to by every method named <paramref name="methodName"/> declared on <paramref name="type"/>.</summary>
    public static HashSet<MemberInfo> Of(Type type, string methodName)
    {
        var members = new HashSet<MemberInfo>();
        const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        foreach (var method in type.GetMethods(Declared).Where(m => m.Name == methodName))
        {
            Collect(method, members);
        }

        return members;
    }

    /// <summary>Gets a value indicating whether <paramref name="members"/> holds a <see cref="System.Threading.Monitor"/> Enter overload.</summary>
    public static bool EntersMonitor(HashSet<MemberInfo> members)
        => members.Any(m => m is MethodInfo { Name: "Enter" or "ReliableEnter" } method && method.DeclaringType == typeof(System.Threading.Monitor));

    /// <summary>Gets a value indicating whether <paramref name="members"/> holds <paramref name="member"/> (compared by metadata identity).</summary>
    public static bool Refers(HashSet<MemberInfo> members, MemberInfo member)
        => members.Any(m => m.MetadataToken == member.MetadataToken && m.Module == member.Module);

    private static void Collect(MethodBase method, HashSet<MemberInfo> members)
    {
        byte[]? il;
        try
        {
            il = method.GetMethodBody()?.GetILAsByteArray();
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or BadImageFormatException)
        {
            return;
        }

        if (il is null)
        {
            return;
        }

        for (var i = 0; i + 4 < il.Length; i++)
        {
            if (Array.IndexOf(s_tokenOpcodes, il[i]) < 0)
            {
                continue;
            }

            var token = BitConverter.ToInt32(il, i + 1);
            var table = (uint)token >> 24;
            if (table is not (0x04 or 0x06 or 0x0A or 0x2B))
            {
                continue;
            }

            try
            {
                if (method.Module.ResolveMember(token, method.DeclaringType?.GetGenericArguments(), method.IsGenericMethod ? method.GetGenericArguments() : null) is { } member)
                {
                    members.Add(member);
                }
            }
            catch (Exception ex) when (ex is ArgumentException or BadImageFormatException or MissingMemberException or TypeLoadException)
            {
                // Not a token at this offset.
            }
        }
    }
}
