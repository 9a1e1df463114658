using System;
using System.Reflection;
using System.Runtime.InteropServices;

namespace LeakCheck.Runtime;

/// <summary>
/// Whether a type's class constructor has run, read without running it: reading a static field through reflection
/// runs the class constructor of a type that has not been initialized yet, which would run user code (a static host,
/// a static timer) inside a check. On .NET 9 and later CoreLib mirrors the runtime's type data
/// (<c>System.Runtime.CompilerServices.MethodTable</c> with its <c>AuxiliaryData</c> pointer, whose
/// <c>MethodTableAuxiliaryData.Flags</c> has the "class initialized" bit 0x1); the offsets come from that mirror and
/// the bit is checked once against a type this class initializes and one it never touches. .NET 8 has no such mirror:
/// there only types without a static initializer can be read (<see cref="CanTell"/> is false).
/// </summary>
internal sealed class TypeInitialization
{
    private const int InitializedFlag = 0x1;

    private readonly int _auxiliaryOffset = -1;
    private readonly int _flagsOffset = -1;

    internal TypeInitialization(Assembly coreLib)
    {
        var lookup = new MemberLookup();
        var methodTable = lookup.Type(coreLib, "System.Runtime.CompilerServices.MethodTable", required: false);
        var auxiliary = lookup.Type(coreLib, "System.Runtime.CompilerServices.MethodTableAuxiliaryData", required: false);
        var pointer = methodTable is null || auxiliary is null ? null : lookup.Field(methodTable, "AuxiliaryData", auxiliary.MakePointerType(), required: false);
        var flags = auxiliary is null ? null : lookup.Field(auxiliary, "Flags", typeof(uint), required: false);
        if (pointer?.GetCustomAttribute<FieldOffsetAttribute>()?.Value is not { } offset || flags is null)
        {
            lookup.Note("no MethodTable.AuxiliaryData mirror in CoreLib: a static field is read only when its type has no static initializer");
            Members = lookup.Resolved;
            return;
        }

        _auxiliaryOffset = offset;
        _flagsOffset = (int)Marshal.OffsetOf(auxiliary!, flags.Name);
        GC.KeepAlive(Initialized.Value);
        if (IsInitialized(typeof(Initialized)) is true && IsInitialized(typeof(NeverInitialized)) is false)
        {
            lookup.Note($"class initialized: bit 0x1 of MethodTableAuxiliaryData.Flags (offset {_flagsOffset}) at MethodTable.AuxiliaryData (offset {offset}), checked with an initialized and an untouched type");
        }
        else
        {
            _auxiliaryOffset = -1;
            lookup.Note("MethodTableAuxiliaryData.Flags bit 0x1 does not tell an initialized type from an untouched one: a static field is read only when its type has no static initializer");
        }

        Members = lookup.Resolved;
    }

    public static TypeInitialization Instance { get; } = new(typeof(object).Assembly);

    /// <summary>Gets a value indicating whether this runtime tells whether a type's class constructor has run.</summary>
    public bool CanTell => _auxiliaryOffset >= 0;

    public System.Collections.Generic.IReadOnlyList<string> Members { get; }

    /// <summary>
    /// Returns whether reading a static field of <paramref name="type"/> runs no user code: true for a type without a
    /// static initializer or whose class constructor has run; false when it has not run; null when this runtime cannot
    /// tell.
    /// </summary>
    public bool? IsReadable(Type type) => type.TypeInitializer is null ? true : IsInitialized(type);

    private bool? IsInitialized(Type type)
    {
        if (_auxiliaryOffset < 0 || type.IsGenericTypeDefinition || type.HasElementType || type.IsInterface)
        {
            return null;
        }

        var methodTable = type.TypeHandle.Value;
        if (methodTable == IntPtr.Zero)
        {
            return null;
        }

        var auxiliary = Marshal.ReadIntPtr(methodTable, _auxiliaryOffset);
        return auxiliary == IntPtr.Zero ? null : (Marshal.ReadInt32(auxiliary, _flagsOffset) & InitializedFlag) != 0;
    }

    private static class Initialized
    {
        public static readonly object Value = new();
    }

    private static class NeverInitialized
    {
        // Never read: its class constructor must not have run.
        public static readonly object Value = new();
    }
}
