namespace Honk.Delivery.Git.Internal;

/// <summary>The session's delivered commit on its branch in the mirror.</summary>
/// <param name="Branch">The session's branch (in the mirror).</param>
/// <param name="BaseCommit">The commit the session started from.</param>
/// <param name="Commit">The branch's tip: the commit to deliver.</param>
/// <param name="Created">True when this delivery made the commit; false when an earlier delivery had.</param>
internal sealed record SessionCommit(string Branch, string BaseCommit, string Commit, bool Created);
