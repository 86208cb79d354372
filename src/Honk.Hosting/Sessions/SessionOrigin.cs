using System.Text.Json.Serialization;

namespace Honk.Hosting;

/// <summary>Where a session request came from, so results can be reported back to the same place.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ApiOrigin), "api")]
[JsonDerivedType(typeof(SlackOrigin), "slack")]
[JsonDerivedType(typeof(GitHubOrigin), "github")]
public abstract record SessionOrigin;
