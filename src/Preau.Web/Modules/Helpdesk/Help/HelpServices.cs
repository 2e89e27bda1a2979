namespace Preau.Web.Modules.Helpdesk.Help;

/// <summary>The services that have a help page, and which part of an address belongs to each (to suggest the right page).</summary>
public static class HelpServices
{
    public sealed record Service(string Key, string Name, string PathPart);

    public static readonly IReadOnlyList<Service> All =
    [
        new("compte", "Connexion et compte", "/compte"),
        new("messagerie", "Messagerie", "/messagerie"),
        new("cahier-de-liaison", "Cahier de liaison", "/liaison"),
        new("cahier-de-textes", "Cahier de textes", "/cahier-de-textes"),
        new("agenda", "Agenda", "/agenda"),
        new("actualites", "Actualités", "/actualites"),
        new("blog", "Blog", "/blogs"),
        new("albums", "Albums photos", "/albums"),
        new("documents", "Documents", "/documents"),
        new("forum", "Forum", "/forum"),
        new("quiz", "Quiz", "/quiz"),
        new("competences", "Compétences numériques", "/competences"),
        new("groupes", "Groupes", "/groupe"),
    ];

    public static Service? Find(string? key) => All.FirstOrDefault(s => s.Key == key);

    /// <summary>The service a page belongs to, from its address ("/classe/…/forum" → forum).</summary>
    public static Service? ForPath(string? path) =>
        path is null ? null : All.FirstOrDefault(s => path.Contains(s.PathPart, StringComparison.OrdinalIgnoreCase));
}
