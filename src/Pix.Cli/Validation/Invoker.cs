using System;
using System.Reflection;
using System.Reflection.Emit;

namespace Pix.Cli.Validation;

/// <summary>
/// Compiles <c>(object?[] args) =&gt; method(args…)</c> as IL, so that a method can be timed without
/// reflection's per-call cost and called with span parameters (which reflection cannot box): a
/// <c>T[]</c> argument becomes the <c>Span&lt;T&gt;</c>, <c>ReadOnlySpan&lt;T&gt;</c> or memory the
/// parameter wants. For an instance method, <c>args[0]</c> is the target.
/// </summary>
internal static class Invoker
{
    /// <param name="method">The method to call.</param>
    /// <param name="boxResult">
    /// True: return the (boxed) result. False: store it in a static field and return null, so the JIT
    /// cannot drop the work and timing does not include boxing.
    /// </param>
    /// <exception cref="NotSupportedException">A parameter the factory cannot supply (by-ref, pointer).</exception>
    public static Func<object?[], object?> Create(MethodInfo method, bool boxResult)
    {
        var dynamicMethod = new DynamicMethod("pix_invoke_" + method.Name, typeof(object), new[] { typeof(object[]) }, typeof(Invoker).Module, skipVisibility: true);
        ILGenerator il = dynamicMethod.GetILGenerator();
        int index = 0;
        if (!method.IsStatic)
        {
            LoadArgument(il, index++);
            Type owner = method.DeclaringType!;
            if (owner.IsValueType)
            {
                il.Emit(OpCodes.Unbox, owner); // a managed pointer to the boxed struct: the call's 'this'
            }
            else
            {
                il.Emit(OpCodes.Castclass, owner);
            }
        }

        foreach (ParameterInfo parameter in method.GetParameters())
        {
            LoadArgument(il, index++);
            EmitConversion(il, parameter);
        }

        il.Emit(method.IsStatic || method.DeclaringType!.IsValueType ? OpCodes.Call : OpCodes.Callvirt, method);
        Type returnType = method.ReturnType;
        if (returnType == typeof(void))
        {
            il.Emit(OpCodes.Ldnull);
        }
        else if (returnType.IsByRefLike)
        {
            il.Emit(OpCodes.Pop); // a span cannot be boxed or stored in a field
            il.Emit(OpCodes.Ldnull);
        }
        else if (boxResult)
        {
            if (returnType.IsValueType)
            {
                il.Emit(OpCodes.Box, returnType);
            }
        }
        else
        {
            il.Emit(OpCodes.Stsfld, typeof(ResultSink<>).MakeGenericType(returnType).GetField(nameof(ResultSink<int>.Value))!);
            il.Emit(OpCodes.Ldnull);
        }

        il.Emit(OpCodes.Ret);
        return (Func<object?[], object?>)dynamicMethod.CreateDelegate(typeof(Func<object?[], object?>));
    }

    /// <summary>How many values the factory supplies for <paramref name="method"/>'s call (target included).</summary>
    public static int ArgumentCount(MethodInfo method) => method.GetParameters().Length + (method.IsStatic ? 0 : 1);

    private static void LoadArgument(ILGenerator il, int index)
    {
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldc_I4, index);
        il.Emit(OpCodes.Ldelem_Ref);
    }

    private static void EmitConversion(ILGenerator il, ParameterInfo parameter)
    {
        Type type = parameter.ParameterType;
        if (type.IsByRef || type.IsPointer)
        {
            throw new NotSupportedException($"parameter '{parameter.Name}' is {(type.IsByRef ? "by reference" : "a pointer")}; validation can only pass values");
        }

        if (type.IsGenericType && IsSpanOrMemory(type.GetGenericTypeDefinition()))
        {
            Type array = type.GetGenericArguments()[0].MakeArrayType();
            MethodInfo fromArray = type.GetMethod("op_Implicit", new[] { array })
                ?? throw new NotSupportedException($"parameter '{parameter.Name}' of type {type} has no conversion from {array}");
            il.Emit(OpCodes.Castclass, array);
            il.Emit(OpCodes.Call, fromArray);
        }
        else if (type.IsValueType)
        {
            il.Emit(OpCodes.Unbox_Any, type);
        }
        else
        {
            il.Emit(OpCodes.Castclass, type);
        }
    }

    private static bool IsSpanOrMemory(Type definition) =>
        definition == typeof(Span<>) || definition == typeof(ReadOnlySpan<>) || definition == typeof(Memory<>) || definition == typeof(ReadOnlyMemory<>);
}

/// <summary>Where timed calls leave their results, so the JIT must compute them.</summary>
internal static class ResultSink<T>
{
#pragma warning disable CA2211 // written by emitted IL only
    public static T? Value;
#pragma warning restore CA2211
}
