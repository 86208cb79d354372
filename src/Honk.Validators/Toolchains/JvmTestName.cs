namespace Honk.Validators.Toolchains;

/// <summary>
/// A JVM test's name taken apart: its class, its method and, for a parameterised test, which invocation. The runners
/// spell one invocation differently — JUnit 4's <c>fits[1]</c>, JUnit 5 under Surefire 2 <c>fits{int}[2]</c>, under
/// Surefire 3 and Gradle <c>fits(int)[2]</c> — and select tests by method, not by invocation; a re-run's reports are
/// matched back to the failures through these parts.
/// </summary>
/// <param name="Class">The class, as named (fully qualified, or simple when the runner printed it so).</param>
/// <param name="Method">The method's name alone.</param>
/// <param name="Invocation">The invocation (<c>[2]</c>, <c>[0: fib(1)]</c>), or <see langword="null"/> for a plain test.</param>
/// <param name="Parameterised">Whether the name had a parameter list or an invocation after the method.</param>
internal readonly record struct JvmTestName(string Class, string Method, string? Invocation, bool Parameterised)
{
    /// <summary>Takes a name apart, e.g. <c>p.SizeTest.fits{int}[2]</c>.</summary>
    /// <param name="name">The name as a parser or a report wrote it (a trailing <c>()</c> is ignored).</param>
    /// <returns>Its parts, or <see langword="null"/> when it names no class.</returns>
    public static JvmTestName? Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        name = SurefireReports.Comparable(name);
        var open = name.IndexOfAny(['(', '{', '[']);
        var (head, tail) = open < 0 ? (name, "") : (name[..open], name[open..]);
        var dot = head.LastIndexOf('.');
        if (dot <= 0 || dot == head.Length - 1)
        {
            return null;
        }

        // A parameter list, "(int)" or "{int}", comes before the invocation's brackets.
        var invocation = tail;
        if (tail.Length > 0 && tail[0] is '(' or '{')
        {
            var close = tail.IndexOf(tail[0] == '(' ? ')' : '}', StringComparison.Ordinal);
            invocation = close < 0 ? "" : tail[(close + 1)..];
        }

        return new JvmTestName(head[..dot], head[(dot + 1)..], invocation.StartsWith('[') ? invocation : null, tail.Length > 0);
    }

    /// <summary>Whether a report's test case is this test, or one invocation of it when this names the method alone.</summary>
    /// <param name="other">The report's test case.</param>
    /// <returns>True when the class (simple or qualified) and the method agree, and the invocation when this has one.</returns>
    public bool Covers(JvmTestName other)
        => Method == other.Method
            && SameClass(Class, other.Class)
            && (Invocation is null || Invocation == other.Invocation);

    // Gradle prints a JUnit 5 class by its simple name; its reports qualify it.
    private static bool SameClass(string a, string b)
        => a == b || a.EndsWith("." + b, StringComparison.Ordinal) || b.EndsWith("." + a, StringComparison.Ordinal);
}
