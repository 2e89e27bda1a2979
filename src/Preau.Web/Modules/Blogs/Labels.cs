using Preau.Web.Modules.Blogs.Data;

namespace Preau.Web.Modules.Blogs;

/// <summary>French keys (for the localizer) of the blog's states.</summary>
public static class Labels
{
    public static string Status(ArticleStatus status, bool scheduled) => status switch
    {
        ArticleStatus.Draft => "Brouillon",
        ArticleStatus.Submitted => "En attente de validation",
        ArticleStatus.ToRevise => "À revoir",
        _ => scheduled ? "Programmé" : "Publié",
    };

    public static string Visibility(BlogVisibility v) => v switch
    {
        BlogVisibility.Public => "Public : tout le monde sur internet",
        BlogVisibility.Platform => "Toutes les personnes inscrites sur Préau",
        _ => "Les membres seulement",
    };
}
