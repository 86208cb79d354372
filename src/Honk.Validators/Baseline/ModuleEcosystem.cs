namespace Honk.Validators;

/// <summary>The kind of import a <see cref="MissingModule"/> is.</summary>
internal enum ModuleEcosystem
{
    /// <summary>A Python module (<c>No module named 'x'</c>).</summary>
    Python,

    /// <summary>A Node package or file (<c>Cannot find module 'x'</c>).</summary>
    Node,

    /// <summary>A Go package (<c>cannot find module providing package x</c>).</summary>
    Go,

    /// <summary>A Java package (<c>package x does not exist</c>).</summary>
    Java,

    /// <summary>A Rust crate (<c>can't find crate for `x`</c>).</summary>
    Rust,

    /// <summary>A NuGet package (<c>NU1101: Unable to find package x</c>).</summary>
    NuGet,

    /// <summary>A C or C++ header (<c>fatal error: x.h: No such file or directory</c>).</summary>
    CHeader,
}
