using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace LeakCheck.Stacks;

/// <summary>
/// Turns a captured stack into the frames a user wrote: runtime, LeakCheck and test-framework frames are
/// hidden, compiler-generated names (<c>&lt;PumpAsync&gt;d__3.MoveNext</c>, lambdas, local functions) are
/// shown as the method the user wrote.
/// </summary>
internal static class UserFrames
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, MethodInfo?> s_kickoffs = new();
    private static ConditionalWeakTable<Assembly, AssemblyKind> s_assemblyKinds = new();
    private static string[] s_infrastructureNames = [];

    private static readonly string[] s_hiddenNamespaces = ["System", "Microsoft"];

    // The engine's own assembly and the runtime's; adapters register theirs and their framework's (LeakCheckHost).
    private static readonly HashSet<string> s_hiddenAssemblies = new(StringComparer.Ordinal) { "LeakCheck", "System.Private.CoreLib", "testhost" };
    private static readonly AssemblyKind s_infrastructure = new(IsHidden: true, IsInfrastructure: true);

    /// <summary>The user frames of a creation stack followed by those of the owned work that started it (innermost first).</summary>
    public static List<SourceFrame> From(StackTrace? trace, IReadOnlyList<StackTrace>? startedBy)
    {
        var frames = From(trace);
        foreach (var outer in startedBy ?? [])
        {
            frames.AddRange(From(outer));
        }

        return frames;
    }

    public static List<SourceFrame> From(StackTrace? trace)
    {
        var frames = new List<SourceFrame>();
        if (trace is null)
        {
            return frames;
        }

        MethodBase? kickoffToSkip = null;
        foreach (var frame in trace.GetFrames())
        {
            var method = frame.GetMethod();
            if (method is null || IsHidden(method))
            {
                continue;
            }

            // An async method shows as its state machine's MoveNext (with the line of the await) followed by
            // the stub that started it; one frame with the stub's signature and the await's line is enough.
            if (kickoffToSkip is not null && method == kickoffToSkip)
            {
                kickoffToSkip = null;
                continue;
            }

            var kickoff = method.Name == "MoveNext" && method.DeclaringType is { } machine ? KickoffOf(machine) : null;
            kickoffToSkip = kickoff;
            var (file, line) = SourceLocator.Locate(method, frame.GetILOffset());
            frames.Add(new SourceFrame(kickoff is null ? Describe(method) : Describe(kickoff), file, line));
        }

        return frames;
    }

    /// <summary>
    /// The innermost user method of a creation stack as written (no source lookup: cheap), or null. It tells apart items
    /// whose kind and type say little (two <c>Task.Delay</c>s, two <c>CancelAfter</c> timers of one test).
    /// </summary>
    public static string? CreatingMethod(StackTrace? trace)
    {
        foreach (var frame in trace?.GetFrames() ?? [])
        {
            if (frame.GetMethod() is { } method && !IsHidden(method))
            {
                return method.Name == "MoveNext" && method.DeclaringType is { } machine && KickoffOf(machine) is { } kickoff ? Describe(kickoff) : Describe(method);
            }
        }

        return null;
    }

    /// <summary>Declares an assembly as test infrastructure: hidden from stacks, its creations never a test's.</summary>
    public static void RegisterInfrastructure(Assembly assembly) => s_assemblyKinds.AddOrUpdate(assembly, s_infrastructure);

    /// <summary>Declares the assemblies of a name (a trailing <c>*</c> matches any suffix) as test infrastructure, loaded or not.</summary>
    public static void RegisterInfrastructure(string assemblyName)
    {
        lock (s_hiddenAssemblies)
        {
            if (Array.IndexOf(s_infrastructureNames, assemblyName) < 0)
            {
                s_infrastructureNames = [.. s_infrastructureNames, assemblyName];

                // Kinds already computed may have missed the name: compute them again (registration is rare, before checks).
                var kinds = new ConditionalWeakTable<Assembly, AssemblyKind>();
                foreach (var (assembly, kind) in s_assemblyKinds)
                {
                    if (kind == s_infrastructure)
                    {
                        kinds.Add(assembly, kind);
                    }
                }

                s_assemblyKinds = kinds;
            }
        }
    }

    /// <summary>
    /// Gets a value indicating whether the type is LeakCheck's or a test framework's own (xUnit, NUnit): work they
    /// start while a test runs (worker threads, message pumps) is infrastructure, never the test's leak.
    /// </summary>
    public static bool IsInfrastructureType(Type type) => KindOf(type.Assembly).IsInfrastructure;

    /// <summary>
    /// Gets a value indicating whether the assembly is the user's own or a library the user added (not the runtime's,
    /// the BCL's out-of-band packages, a test framework or LeakCheck): its static state is the application's.
    /// </summary>
    public static bool IsUserAssembly(Assembly assembly)
    {
        var kind = KindOf(assembly);
        if (kind.IsInfrastructure || kind.IsHidden || assembly.IsDynamic)
        {
            return false;
        }

        var name = assembly.GetName().Name ?? string.Empty;
        if (name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal) || name is "System" or "mscorlib" or "netstandard")
        {
            return false;
        }

        var runtimeDirectory = System.IO.Path.GetDirectoryName(typeof(object).Assembly.Location);
        return string.IsNullOrEmpty(runtimeDirectory) || string.IsNullOrEmpty(assembly.Location)
            || !string.Equals(System.IO.Path.GetDirectoryName(assembly.Location), runtimeDirectory, StringComparison.Ordinal);
    }

    /// <summary>
    /// Gets a value indicating whether the code that called the runtime to create an item (the first frame below
    /// LeakCheck's own listener and the runtime's and BCL's frames) is a test framework's or a LeakCheck adapter's:
    /// work the framework starts for its own purposes, such as xUnit's time-out <c>Task.Delay</c>, is never the test's.
    /// </summary>
    public static bool IsCreatedByInfrastructure(StackTrace creation)
    {
        var engine = typeof(UserFrames).Assembly;
        foreach (var frame in creation.GetFrames())
        {
            if (frame.GetMethod()?.DeclaringType is not { } type || type.Assembly == engine)
            {
                continue;
            }

            var ns = OuterType(type).Namespace ?? string.Empty;
            if (ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal) || ns == "Microsoft" || ns.StartsWith("Microsoft.", StringComparison.Ordinal))
            {
                continue;
            }

            return KindOf(type.Assembly).IsInfrastructure;
        }

        return false;
    }

    public static bool IsHidden(MethodBase method)
    {
        var type = method.DeclaringType;
        if (type is null)
        {
            return true;
        }

        if (KindOf(type.Assembly).IsHidden)
        {
            return true;
        }

        var ns = OuterType(type).Namespace ?? string.Empty;
        return s_hiddenNamespaces.Any(h => ns == h || ns.StartsWith(h + ".", StringComparison.Ordinal));
    }

    /// <summary>Describes a method as written: <c>Namespace.Type.Method(Int32, String)</c>.</summary>
    public static string Describe(MethodBase method)
    {
        var type = method.DeclaringType!;
        var name = method.Name;
        string? suffix = null;

        // Async and iterator state machines: <Name>d__N.MoveNext is the method Name of the outer type.
        if (IsCompilerGenerated(type) && TryUnmangle(type.Name, out var machineOf) && type.Name.Contains(">d__", StringComparison.Ordinal))
        {
            var owner = type.DeclaringType ?? type;
            return TypeNames.Of(OuterUserType(owner)) + "." + machineOf + "()";
        }

        if (TryUnmangle(name, out var outer))
        {
            // <Outer>b__0_0 is a lambda in Outer; <Outer>g__Local|0_0 is the local function Local in Outer.
            var local = LocalFunctionName(name);
            name = local is null ? outer : outer + "." + local;
            suffix = local is null ? " (lambda)" : null;
        }

        var parameters = string.Join(", ", method.GetParameters().Select(p => TypeNames.Short(p.ParameterType)));
        var shown = method.IsConstructor ? TypeNames.Of(OuterUserType(type)) + "..ctor" : TypeNames.Of(OuterUserType(type)) + "." + name;
        return shown + "(" + parameters + ")" + suffix;
    }

    /// <summary>
    /// Describes a callback's method with where it is written (<c>Namespace.Type.Method() in File.cs:line 12</c>), for items
    /// whose creation the runtime reports no stack for: the callback is what names them.
    /// </summary>
    public static string DescribeDeclared(MethodBase method)
    {
        var described = Describe(method);
        var (file, line) = SourceLocator.Locate(method, 0);
        return file is null ? described : $"{described} in {System.IO.Path.GetFileName(file)}:line {line}";
    }

    /// <summary>
    /// The method a callback was written in, as the start of its description (<c>Namespace.Type.Method(</c>): a lambda's
    /// or local function's enclosing method, or the method itself.
    /// </summary>
    public static string EnclosingMethodPrefix(MethodBase method)
    {
        var name = TryUnmangle(method.Name, out var outer) ? outer : method.Name;
        return TypeNames.Of(OuterUserType(method.DeclaringType!)) + "." + name + "(";
    }

    /// <summary>
    /// Describes the method behind a compiler-generated async state machine type:
    /// <c>&lt;PumpAsync&gt;d__3</c> in <c>MyApp.Mailer</c> is <c>MyApp.Mailer.PumpAsync()</c>.
    /// </summary>
    public static string DescribeStateMachine(Type stateMachine)
    {
        if (KickoffOf(stateMachine) is { } kickoff)
        {
            return Describe(kickoff);
        }

        var owner = OuterUserType(stateMachine.DeclaringType ?? stateMachine);
        var name = stateMachine.Name;
        var close = name.LastIndexOf('>');
        if (!name.StartsWith('<') || close <= 1)
        {
            return TypeNames.Of(stateMachine);
        }

        var inner = name[1..close];
        if (TryUnmangle(inner, out var outer))
        {
            var local = LocalFunctionName(inner);
            return TypeNames.Of(owner) + "." + (local is null ? outer + "() (lambda)" : outer + "." + local + "()");
        }

        return TypeNames.Of(owner) + "." + inner + "()";
    }

    /// <summary>The method whose body a compiler state machine runs (it carries a StateMachineAttribute naming the type).</summary>
    public static MethodInfo? KickoffOf(Type stateMachine)
        => s_kickoffs.GetOrAdd(stateMachine, static machine =>
        {
            var definition = machine.IsGenericType ? machine.GetGenericTypeDefinition() : machine;
            return definition.DeclaringType?
                .GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .FirstOrDefault(m => m.GetCustomAttribute<StateMachineAttribute>()?.StateMachineType == definition);
        });

    /// <summary>
    /// What an assembly is to LeakCheck, computed once per assembly: <see cref="System.Reflection.Assembly.GetName()"/>
    /// allocates and parses, and these questions are asked for every task a test creates. Weakly keyed, so that
    /// collectible assemblies can still unload.
    /// </summary>
    private static AssemblyKind KindOf(Assembly assembly)
        => s_assemblyKinds.GetValue(assembly, static a =>
        {
            var name = a.GetName().Name ?? string.Empty;
            var infrastructure = a == typeof(UserFrames).Assembly || IsInfrastructureName(name);
            return infrastructure ? s_infrastructure : new AssemblyKind(s_hiddenAssemblies.Contains(name), IsInfrastructure: false);
        });

    private static bool IsInfrastructureName(string name)
    {
        foreach (var pattern in s_infrastructureNames)
        {
            if (pattern.EndsWith('*') ? name.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase) : name.Equals(pattern, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static Type OuterType(Type type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }

    /// <summary>Skips closure and state-machine types: &lt;&gt;c, &lt;&gt;c__DisplayClass0_0, &lt;Run&gt;d__1.</summary>
    private static Type OuterUserType(Type type)
    {
        while (type.DeclaringType is not null && IsCompilerGenerated(type))
        {
            type = type.DeclaringType;
        }

        return type;
    }

    private static bool IsCompilerGenerated(Type type)
        => type.Name.StartsWith('<') || type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false);

    internal static bool TryUnmangle(string name, out string outer)
    {
        outer = string.Empty;
        if (!name.StartsWith('<'))
        {
            return false;
        }

        // Brackets nest: <<Main>$>g__Local|0_0 is the local function Local of the top-level <Main>$.
        var depth = 0;
        for (var i = 0; i < name.Length; i++)
        {
            depth += name[i] switch { '<' => 1, '>' => -1, _ => 0 };
            if (depth == 0)
            {
                outer = name[1..i];
                return i > 1;
            }
        }

        return false;
    }

    private static string? LocalFunctionName(string name)
    {
        var marker = name.LastIndexOf(">g__", StringComparison.Ordinal);
        if (marker < 0)
        {
            return null;
        }

        var start = marker + 4;
        var end = name.IndexOf('|', start);
        return end < 0 ? name[start..] : name[start..end];
    }

    private sealed record AssemblyKind(bool IsHidden, bool IsInfrastructure);
}
