using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Modules.Messaging.Data;

namespace Preau.Web.Modules.UsageStats.Capture;

/// <summary>
/// The services and actions counted, with their French labels, and how they are recognised centrally: inserted
/// entities (the main action of each service) and page paths (consultations). Modules need not know about it.
/// </summary>
public static class UsageCatalog
{
    public const string View = "consultation";
    public const string Accounts = "connexion";
    public const string Login = "connexion";

    public static readonly IReadOnlyDictionary<string, string> ServiceLabels = new Dictionary<string, string>
    {
        [Accounts] = "Connexions",
        ["accueil"] = "Accueil",
        ["messagerie"] = "Messagerie",
        ["liaison"] = "Cahier de liaison",
        ["cahier-de-textes"] = "Cahier de textes",
        ["blog"] = "Blog",
        ["forum"] = "Forum",
        ["documents"] = "Documents",
        ["albums"] = "Albums photos",
        ["quiz"] = "Quiz",
        ["agenda"] = "Agenda",
        ["actualites"] = "Actualités",
        ["competences"] = "Compétences numériques",
        ["annuaire"] = "Annuaire",
        ["groupes"] = "Groupes",
        ["notifications"] = "Notifications",
    };

    public static readonly IReadOnlyDictionary<string, string> ActionLabels = new Dictionary<string, string>
    {
        [View] = "Pages consultées",
        [Login] = "Connexion",
        ["envoi"] = "Message envoyé",
        ["mot"] = "Mot écrit",
        ["signature"] = "Mot signé",
        ["reponse"] = "Réponse à un mot",
        ["travail"] = "Travail donné",
        ["rendu"] = "Travail rendu",
        ["article"] = "Article publié",
        ["commentaire"] = "Commentaire",
        ["message"] = "Message posté",
        ["depot"] = "Document déposé",
        ["photo"] = "Photo ajoutée",
        ["reponse-quiz"] = "Quiz répondu",
        ["evenement"] = "Événement créé",
        ["actualite"] = "Actualité publiée",
        ["validation"] = "Compétence validée",
    };

    public static string ServiceLabel(string service) => ServiceLabels.TryGetValue(service, out var l) ? l : service;
    public static string ActionLabel(string action) => ActionLabels.TryGetValue(action, out var l) ? l : action;

    /// <summary>An inserted entity that counts as a use, and whose person it is when not the signed-in one.</summary>
    internal sealed record EntityRule(string Service, string Action, Func<object, bool>? Counts = null, Func<object, Guid?>? Actor = null);

    internal static readonly IReadOnlyDictionary<Type, EntityRule> Inserted = new Dictionary<Type, EntityRule>
    {
        // A login is recorded before the sign-in cookie exists: the person is the event's own user.
        [typeof(LoginEvent)] = new(Accounts, Login, e => ((LoginEvent)e).Outcome == LoginOutcome.Success, e => ((LoginEvent)e).UserId),
        [typeof(Message)] = new("messagerie", "envoi", e => ((Message)e).SenderState == SenderState.Sent),
        [typeof(LiaisonBook.Data.Note)] = new("liaison", "mot"),
        [typeof(LiaisonBook.Data.Acknowledgement)] = new("liaison", "signature"),
        [typeof(LiaisonBook.Data.Reply)] = new("liaison", "reponse"),
        [typeof(Homework.Data.Entry)] = new("cahier-de-textes", "travail"),
        [typeof(Homework.Data.Submission)] = new("cahier-de-textes", "rendu"),
        [typeof(Blogs.Data.BlogArticle)] = new("blog", "article"),
        [typeof(Blogs.Data.BlogComment)] = new("blog", "commentaire"),
        [typeof(Forums.Data.ForumPost)] = new("forum", "message"),
        [typeof(Documents.Data.DocFile)] = new("documents", "depot"),
        [typeof(Albums.Data.Photo)] = new("albums", "photo"),
        [typeof(Quizzes.Data.Attempt)] = new("quiz", "reponse-quiz"),
        [typeof(Agenda.Data.AgendaEvent)] = new("agenda", "evenement"),
        [typeof(News.Data.NewsItem)] = new("actualites", "actualite"),
        [typeof(Skills.Data.Validation)] = new("competences", "validation"),
    };

    /// <summary>A draft sent later is a message sent too (its row is updated, not inserted).</summary>
    internal static EntityRule? Updated(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) =>
        entry.Entity is Message m && m.SenderState == SenderState.Sent
            && entry.Property(nameof(Message.SenderState)).OriginalValue is SenderState.Draft
            ? Inserted[typeof(Message)] : null;

    private static readonly IReadOnlyDictionary<string, string> PathSegments = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["messagerie"] = "messagerie",
        ["liaison"] = "liaison",
        ["cahier-de-textes"] = "cahier-de-textes",
        ["blogs"] = "blog",
        ["forum"] = "forum",
        ["documents"] = "documents",
        ["albums"] = "albums",
        ["quiz"] = "quiz",
        ["agenda"] = "agenda",
        ["actualites"] = "actualites",
        ["competences"] = "competences",
        ["annuaire"] = "annuaire",
        ["groupes"] = "groupes",
        ["notifications"] = "notifications",
    };

    /// <summary>
    /// The service a page belongs to, from its path: "/messagerie/…" or the service part of a space's page
    /// ("/classe/{id}/liaison"); "/" is the home page. Null for anything else (files, API, assets, admin).
    /// </summary>
    public static string? ServiceOfPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "/")
        {
            return "accueil";
        }
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var first = segments[0];
        if (first is "classe" or "ecole" or "groupe" or "eleve" or "moi")
        {
            var service = segments.Length > 2 ? segments[2] : segments.Length > 1 && first == "moi" ? segments[1] : null;
            return service is not null && PathSegments.TryGetValue(service, out var s) ? s : null;
        }
        return PathSegments.TryGetValue(first, out var direct) ? direct : null;
    }
}
