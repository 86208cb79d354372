namespace Honk.Prompting;

/// <summary>
/// A deliberately simple token estimate (characters / 4, rounded up): no tokenizer is available to every host, and
/// the budget only needs to be roughly right. Providers report the real count after each call.
/// </summary>
internal static class TokenEstimate
{
    public static int FromChars(int chars) => (chars + 3) / 4;

    public static int ToChars(int tokens) => tokens * 4;
}
