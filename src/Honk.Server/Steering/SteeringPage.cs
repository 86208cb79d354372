using static Honk.Server.HtmlLayout;

namespace Honk.Server;

/// <summary>The review page's steering box for a running session: a message to the session, and a plan's approval.</summary>
internal static class SteeringPage
{
    public static string Box(SessionView s, string token)
    {
        if (s.Result is not null)
        {
            return "";
        }

        var id = Uri.EscapeDataString(s.Id);
        var hidden = $"<input type=\"hidden\" name=\"t\" value=\"{E(token)}\">";
        return $"""
            <section class="steering"><h2>Steer</h2>
            <form method="post" action="{E(PageForm.Action($"/review/{id}/message", token))}">{hidden}<label for="steer-text">Message to the session (read at its next turn)</label><textarea id="steer-text" name="text" rows="2" required maxlength="8000"></textarea><button id="steer-send" type="submit">Send</button></form>
            <form method="post" action="{E(PageForm.Action($"/review/{id}/plan", token))}">{hidden}<label for="plan-text">When it waits on a plan (see the live log)</label><textarea id="plan-text" name="text" rows="2" maxlength="8000" placeholder="What should change (to send it back)"></textarea><button class="primary" id="plan-approve" name="decision" value="approve" type="submit">Approve plan</button> <button id="plan-reject" name="decision" value="reject" type="submit">Send plan back</button></form>
            </section>
            """;
    }
}
