namespace Preau.Web.Modules.Home.Contracts;

/// <summary>
/// For a page reached otherwise than by its space's address — a blog's own address, an article opened from a
/// notification: it says which service of which space the person is in, and the home page's « new since the last
/// visit » of it is cleared as by its tile once the page answered (ADR 0036). Not for a page showing only part of a
/// service (one album, one forum topic): the rest of the service would no longer count as new.
/// </summary>
public static class ServiceVisit
{
    internal const string Item = "preau:service-visit";

    public static void Mark(HttpContext context, string serviceKey, Guid scopeId) => context.Items[Item] = (serviceKey, scopeId);
}
