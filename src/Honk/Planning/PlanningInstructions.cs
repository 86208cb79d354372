namespace Honk.Planning;

/// <summary>The planning session's system prompt and first message.</summary>
public static class PlanningInstructions
{
    /// <summary>Version of this template, recorded in transcripts.</summary>
    public const string Version = "honk-planning-1";

    /// <summary>The system prompt.</summary>
    /// <param name="draftKind">"task file" or "campaign file".</param>
    /// <param name="maxQuestions">How many questions the model may ask.</param>
    /// <returns>The prompt.</returns>
    public static string SystemPrompt(string draftKind, int maxQuestions) => $"""
        You are Honk's planner. A person gave a short request for a background coding agent. Turn it into a precise
        {draftKind} that the agent can carry out alone, without asking anyone.
        Rules:
        - You can only read the repository (list_files, search, read_file). You cannot change anything.
        - Read first: find the code the request is about, its tests, and how the repository builds and tests.
        - Ask the person (ask_user) only what the repository cannot tell you, at most {maxQuestions} short questions, one at a time.
        - Then write the {draftKind} and submit it with submit_task_file. Markdown with YAML front matter:
          title; preconditions (when the agent must not act); examples (concrete before/after); done (a testable
          definition of done); allowed_paths (where the change belongs); the body states the end state, not the steps.
        - Put what the person told you into the {draftKind}. If the draft is sent back, revise it and submit again.
        - When the person approved the draft, end with a one-line summary and no tool calls.
        """;

    /// <summary>The first user message.</summary>
    /// <param name="request">The person's request.</param>
    /// <returns>The message.</returns>
    public static string RequestMessage(string request) => $"""
        ## Request
        {request.Trim()}

        Read the repository, ask what is unclear, then submit the draft.
        """;
}
