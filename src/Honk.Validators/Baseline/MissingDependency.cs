using System.Text.RegularExpressions;

namespace Honk.Validators;

/// <summary>
/// Reads, from a failure's message, the module, package or header a toolchain says it cannot find: Python's
/// <c>No module named 'x'</c>, Node's <c>Cannot find module 'x'</c> / <c>Cannot find package 'x'</c>, Go's
/// <c>cannot find module providing package x</c>, javac's <c>package x does not exist</c>, rustc's
/// <c>can't find crate for `x`</c>, cargo's <c>no matching package named `x` found</c>, NuGet's <c>NU1101: Unable to find package x</c> and a C compiler's <c>fatal error: x.h: No such file or directory</c>.
/// </summary>
/// <remarks>
/// Whether the missing thing is the repository's own (then a broken import is the change's to mend) or a third party's
/// (then the machine lacks it) is decided by <see cref="SessionBusiness"/> from the repository's files.
/// </remarks>
internal static partial class MissingDependency
{
    /// <summary>The missing thing named by a message, or <see langword="null"/> when the message names none.</summary>
    /// <param name="message">A failure's message.</param>
    /// <returns>Its ecosystem and name (a relative Node path or a Python module path is returned as written).</returns>
    public static MissingModule? Find(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var (ecosystem, pattern) in Patterns)
        {
            if (pattern.Match(message) is { Success: true } match)
            {
                return new MissingModule(ecosystem, match.Groups["name"].Value);
            }
        }

        return null;
    }

    private static readonly (ModuleEcosystem Ecosystem, Regex Pattern)[] Patterns =
    [
        (ModuleEcosystem.Python, PythonModule()),
        (ModuleEcosystem.Node, NodeModule()),
        (ModuleEcosystem.Go, GoPackage()),
        (ModuleEcosystem.Java, JavaPackage()),
        (ModuleEcosystem.Rust, RustCrate()),
        (ModuleEcosystem.NuGet, NuGetPackage()),
        (ModuleEcosystem.CHeader, CHeader()),
    ];

    // ModuleNotFoundError: No module named 'freezegun.api'; Python 2's ImportError: No module named freezegun.
    [GeneratedRegex(@"(?:ModuleNotFoundError|ImportError): No module named '?(?<name>[\w.]+)'?", RegexOptions.CultureInvariant)]
    private static partial Regex PythonModule();

    // Error: Cannot find module 'left-pad' (CommonJS); Cannot find package 'vitest' imported from … (ESM).
    [GeneratedRegex(@"Cannot find (?:module|package) '(?<name>[^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex NodeModule();

    // cannot find module providing package x; no required module provides package x; x@v: module lookup disabled.
    [GeneratedRegex(@"(?:cannot find module providing package|no required module provides package|missing go\.sum entry for module providing package) (?<name>[^\s;:]+)|(?<name>[\w.-]+\.[\w.-]+/[^\s@:]+)@\S+: module lookup disabled", RegexOptions.CultureInvariant)]
    private static partial Regex GoPackage();

    // error: package org.junit does not exist
    [GeneratedRegex(@"\bpackage (?<name>[a-zA-Z_][\w]*(?:\.[a-zA-Z_][\w]*)+) does not exist", RegexOptions.CultureInvariant)]
    private static partial Regex JavaPackage();

    // error[E0463]: can't find crate for `serde`; cargo resolving offline (a test building a fixture crate, as
    // matklad/xshell's do): no matching package named `duct` found / no matching package found, searched package name: `duct`.
    [GeneratedRegex(@"can't find crate for `(?<name>\w+)`|no matching package named `(?<name>[\w-]+)` found|no matching package found\s+searched package name: `(?<name>[\w-]+)`", RegexOptions.CultureInvariant)]
    private static partial Regex RustCrate();

    // A restore from a feed that lacks the package (ardalis/GuardClauses against a partial NuGet feed):
    // NU1101: Unable to find package altcover. No packages exist with this id in source(s): nuget.org
    // NU1102: Unable to find package Foo with version (>= 9.0.0); NU1103: Unable to find a stable package Foo with version …
    [GeneratedRegex(@"Unable to find (?:a stable )?package (?<name>[A-Za-z0-9_][\w.-]*?)(?=\. No packages exist| with version)", RegexOptions.CultureInvariant)]
    private static partial Regex NuGetPackage();

    // fatal error: gtest/gtest.h: No such file or directory
    [GeneratedRegex(@"fatal error: '?(?<name>[\w./+-]+\.(?:h|hh|hpp|hxx))'?(?:: No such file or directory| file not found)", RegexOptions.CultureInvariant)]
    private static partial Regex CHeader();
}
