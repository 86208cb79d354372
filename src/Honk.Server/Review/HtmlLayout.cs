using System.Net;
using System.Text;

namespace Honk.Server;

/// <summary>The page shell: no external fonts or scripts, everything from <c>/review/assets</c>.</summary>
internal static class HtmlLayout
{
    public static string Page(string title, string body, string? script = null)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"color-scheme\" content=\"light dark\">")
            .Append("<meta name=\"referrer\" content=\"no-referrer\">")
            .Append("<title>").Append(E(title)).Append(" · Honk</title>")
            .Append("<link rel=\"stylesheet\" href=\"/review/assets/honk.css\"></head><body>")
            .Append("<header class=\"top\"><a class=\"brand\" href=\"/review\">Honk</a></header><main>")
            .Append(body)
            .Append("</main>");
        if (script is not null)
        {
            html.Append("<script src=\"/review/assets/honk.js\" defer></script>");
        }

        return html.Append("</body></html>").ToString();
    }

    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string StatusBadge(string status)
    {
        var tone = status switch
        {
            "succeeded" or "no_changes" => "ok",
            "queued" or "running" => "busy",
            "cancelled" => "muted",
            _ => "bad",
        };
        return $"<span class=\"badge {tone}\" data-status=\"{E(status)}\">{E(status.Replace('_', ' '))}</span>";
    }
}
