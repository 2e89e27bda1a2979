namespace Preau.Web.Platform.Data;

/// <summary>
/// A person's count read by the account check, kept for the rest of the request so that the page asking for it makes no
/// query of its own (ADR 0022). Kept for that person only: while a help-desk agent acts for someone, it does not apply.
/// </summary>
public sealed class CountReadWithAccount(string item)
{
    public void Remember(HttpContext http, Guid personId, int count) => http.Items[item] = new Known(personId, count);

    /// <summary>The count read with the account, when it is that person's and under <paramref name="bound"/>.</summary>
    public int? KnownFor(HttpContext? http, Guid personId, int bound = int.MaxValue) =>
        http?.Items[item] is Known known && known.PersonId == personId && known.Count < bound ? known.Count : null;

    private sealed record Known(Guid PersonId, int Count);
}
