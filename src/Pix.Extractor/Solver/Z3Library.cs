using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;

namespace Pix.Solver;

/// <summary>
/// The handful of libz3 C API functions Pix needs, bound to one native library name. Pix speaks
/// SMT-LIB2 text to Z3 (<c>Z3_eval_smtlib2_string</c>) rather than using the <c>Microsoft.Z3</c>
/// managed wrapper, which needs entry points Debian's libz3 4.8.12 lacks (see ARCHITECTURE.md).
/// </summary>
/// <remarks>
/// <para>Where the library comes from: on Linux the OS package (<c>libz3-4</c> on Debian/Ubuntu),
/// first by its soname <c>libz3.so.4</c> (present without the <c>-dev</c> package), then as
/// <c>libz3.so</c>; on Windows and macOS <c>libz3.dll</c>/<c>libz3.dylib</c> next to the analyzer,
/// copied there from the <c>Microsoft.Z3</c> package's <c>runtimes/&lt;rid&gt;/native/</c> folder.</para>
/// <para>netstandard2.0 has no <c>NativeLibrary</c>, so each candidate name is its own
/// <c>[DllImport]</c> binding class; the first whose <c>Z3_get_version</c> call succeeds wins, once
/// per process.</para>
/// </remarks>
public abstract class Z3Library
{
    private static readonly Lazy<(Z3Library? Library, string Detail)> Loaded = new(Probe);

    private protected Z3Library()
    {
    }

    /// <summary>The native file name this binding loads.</summary>
    public abstract string FileName { get; }

    /// <summary>Z3's version, e.g. <c>4.8.12</c>.</summary>
    public string Version { get; private set; } = "unknown";

    /// <summary>
    /// The library, loaded on first call. False (with why in <paramref name="detail"/>) when no
    /// candidate loads; the caller then uses the fallback engine.
    /// </summary>
    public static bool TryLoad(out Z3Library? library, out string detail)
    {
        (library, detail) = Loaded.Value;
        return library is not null;
    }

    private static (Z3Library?, string) Probe()
    {
        var failures = new List<string>();
        foreach (Z3Library candidate in new Z3Library[] { new SonameBinding(), new PlainNameBinding() })
        {
            try
            {
                candidate.GetVersion(out uint major, out uint minor, out uint build, out _);
                candidate.Version = $"{major}.{minor}.{build}";
                return (candidate, $"z3 {candidate.Version} ({candidate.FileName})");
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
            {
                failures.Add(candidate.FileName + ": " + e.Message);
            }
        }

        return (null, "libz3 could not be loaded (" + string.Join("; ", failures) + ")");
    }

    internal abstract void GetVersion(out uint major, out uint minor, out uint build, out uint revision);

    internal abstract IntPtr MakeConfig();

    internal abstract void DeleteConfig(IntPtr config);

    internal abstract void SetParamValue(IntPtr config, byte[] name, byte[] value);

    internal abstract IntPtr MakeContext(IntPtr config);

    internal abstract void DeleteContext(IntPtr context);

    internal abstract void SetErrorHandler(IntPtr context, IntPtr handler);

    internal abstract IntPtr EvalSmtlib2String(IntPtr context, byte[] script);

    internal abstract int GetErrorCode(IntPtr context);

    internal abstract void Interrupt(IntPtr context);

    /// <summary>A NUL-terminated UTF-8 copy of <paramref name="text"/> for a <c>char*</c> argument.</summary>
    internal static byte[] Utf8(string text)
    {
        byte[] bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, 0, text.Length, bytes, 0);
        return bytes;
    }

    /// <summary>Copies a NUL-terminated UTF-8 string owned by Z3 (valid until the next call on its context).</summary>
    internal static string FromUtf8(IntPtr text)
    {
        if (text == IntPtr.Zero)
        {
            return string.Empty;
        }

        int length = 0;
        while (Marshal.ReadByte(text, length) != 0)
        {
            length++;
        }

        byte[] bytes = new byte[length];
        Marshal.Copy(text, bytes, 0, length);
        return Encoding.UTF8.GetString(bytes);
    }

    private sealed class SonameBinding : Z3Library
    {
        private const string Lib = "libz3.so.4";

        public override string FileName => Lib;

        internal override void GetVersion(out uint major, out uint minor, out uint build, out uint revision) =>
            Z3_get_version(out major, out minor, out build, out revision);

        internal override IntPtr MakeConfig() => Z3_mk_config();

        internal override void DeleteConfig(IntPtr config) => Z3_del_config(config);

        internal override void SetParamValue(IntPtr config, byte[] name, byte[] value) => Z3_set_param_value(config, name, value);

        internal override IntPtr MakeContext(IntPtr config) => Z3_mk_context(config);

        internal override void DeleteContext(IntPtr context) => Z3_del_context(context);

        internal override void SetErrorHandler(IntPtr context, IntPtr handler) => Z3_set_error_handler(context, handler);

        internal override IntPtr EvalSmtlib2String(IntPtr context, byte[] script) => Z3_eval_smtlib2_string(context, script);

        internal override int GetErrorCode(IntPtr context) => Z3_get_error_code(context);

        internal override void Interrupt(IntPtr context) => Z3_interrupt(context);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        private static extern void Z3_get_version(out uint major, out uint minor, out uint build, out uint revision);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        private static extern IntPtr Z3_mk_config();

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        private static extern void Z3_del_config(IntPtr config);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        private static extern void Z3_set_param_value(IntPtr config, byte[] name, byte[] value);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        private static extern IntPtr Z3_mk_context(IntPtr config);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        private static extern void Z3_del_context(IntPtr context);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        private static extern void Z3_set_error_handler(IntPtr context, IntPtr handler);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        private static extern IntPtr Z3_eval_smtlib2_string(IntPtr context, byte[] script);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        private static extern int Z3_get_error_code(IntPtr context);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        private static extern void Z3_interrupt(IntPtr context);
    }

    private sealed class PlainNameBinding : Z3Library
    {
        // "libz3" resolves to libz3.so on Linux, libz3.dylib on macOS and libz3.dll on Windows.
        private const string Lib = "libz3";

        public override string FileName => Lib;

        internal override void GetVersion(out uint major, out uint minor, out uint build, out uint revision) =>
            Z3_get_version(out major, out minor, out build, out revision);

        internal override IntPtr MakeConfig() => Z3_mk_config();

        internal override void DeleteConfig(IntPtr config) => Z3_del_config(config);

        internal override void SetParamValue(IntPtr config, byte[] name, byte[] value) => Z3_set_param_value(config, name, value);

        internal override IntPtr MakeContext(IntPtr config) => Z3_mk_context(config);

        internal override void DeleteContext(IntPtr context) => Z3_del_context(context);

        internal override void SetErrorHandler(IntPtr context, IntPtr handler) => Z3_set_error_handler(context, handler);

        internal override IntPtr EvalSmtlib2String(IntPtr context, byte[] script) => Z3_eval_smtlib2_string(context, script);

        internal override int GetErrorCode(IntPtr context) => Z3_get_error_code(context);

        internal override void Interrupt(IntPtr context) => Z3_interrupt(context);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        private static extern void Z3_get_version(out uint major, out uint minor, out uint build, out uint revision);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        private static extern IntPtr Z3_mk_config();

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        private static extern void Z3_del_config(IntPtr config);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        private static extern void Z3_set_param_value(IntPtr config, byte[] name, byte[] value);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        private static extern IntPtr Z3_mk_context(IntPtr config);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        private static extern void Z3_del_context(IntPtr context);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        private static extern void Z3_set_error_handler(IntPtr context, IntPtr handler);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        private static extern IntPtr Z3_eval_smtlib2_string(IntPtr context, byte[] script);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        private static extern int Z3_get_error_code(IntPtr context);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        private static extern void Z3_interrupt(IntPtr context);
    }
}
