namespace Honk.Review.Tests;

public sealed class JudgeAnswerParserTests
{
    public static TheoryData<string, bool> Corpus => new()
    {
        { """{"verdict":"approve","reasons":[],"scope_ok":true}""", true },
        { """{"verdict":"veto","reasons":["Renames unrelated files"],"scope_ok":false}""", false },
        { "```json\n{\"verdict\": \"veto\", \"reasons\": [\"a\"]}\n```", false },
        { "Here is my review.\n\n```\n{\"verdict\": \"approve\", \"reasons\": [\"fine\"]}\n```\nLet me know!", true },
        { "{\"verdict\": \"veto\", \"reasons\": [\"a\", \"b\",],}", false },
        { "{'verdict': 'veto', 'reasons': ['It deletes a test', \"quotes 'inside'\"], 'scope_ok': True}", false },
        { "{verdict: approve, reasons: [], scope_ok: true}", true },
        { "{\"Verdict\": \"APPROVED\"}", true },
        { "{\"decision\": \"request changes\", \"issues\": [\"x\"]}", false },
        { "{\"approved\": false, \"reasons\": \"one string reason\"}", false },
        { "{\"review\": {\"verdict\": \"approve\"}}", true },
        { "The code has `if (x) { return; }` in it.\n{\"verdict\": \"veto\", \"reasons\": [\"early return hides the bug\"]}", false },
        { "{\n  // my verdict\n  \"verdict\": \"approve\", /* ok */\n}", true },
        { "{\u201Cverdict\u201D: \u201Cveto\u201D, \u201Creasons\u201D: [\u201Cx\u201D]}", false },
        { "VETO", false },
        { "APPROVE", true },
        { "**Verdict:** Approve\n\nThe change is minimal.", true },
        { "After reading the diff, my verdict is veto: the test was skipped.", false },
        { "I would REJECT this change because it skips a test.", false },
        { "Verdict - APPROVED", true },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public void TryParse_SloppyAnswer_FindsVerdict(string text, bool approved)
    {
        Assert.True(JudgeAnswerParser.TryParse(text, out var answer), text);
        Assert.Equal(approved, answer.Approved);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("I am not sure. Could you show me more of the code?")]
    [InlineData("I cannot approve or veto without seeing the tests.")]
    [InlineData("APPROVE? No, VETO.")]
    [InlineData("{\"verdict\": \"maybe\"}")]
    [InlineData("{\"score\": 7}")]
    public void TryParse_NoVerdict_Fails(string text)
        => Assert.False(JudgeAnswerParser.TryParse(text, out _));

    [Fact]
    public void TryParse_Reasons_AreCollectedFromStringsAndObjects()
    {
        const string Text = """{"verdict":"veto","reasons":["Remove the skip", {"file":"a.cs","message":"out of scope"}, "Remove the skip"],"scope_ok":false,"tests_weakened":true}""";

        Assert.True(JudgeAnswerParser.TryParse(Text, out var answer));

        Assert.Equal(["Remove the skip", "a.cs: out of scope"], answer.Reasons);
        Assert.False(answer.ScopeOk);
        Assert.False(answer.TestsOk);
        Assert.False(answer.FromWords);
    }

    [Fact]
    public void TryParse_BareWord_KeepsTheProseAsReason()
    {
        Assert.True(JudgeAnswerParser.TryParse("VETO. The change deletes CartTests.", out var answer));

        Assert.True(answer.FromWords);
        Assert.Equal(["VETO. The change deletes CartTests."], answer.Reasons);
    }
}
