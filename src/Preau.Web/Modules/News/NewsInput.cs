using System.ComponentModel.DataAnnotations;

namespace Preau.Web.Modules.News;

/// <summary>The writing form of a news item; dates are typed in the schools' time zone.</summary>
public sealed class NewsInput
{
    /// <summary>The <see cref="NewsScope.Key"/> of the audience.</summary>
    [Display(Name = "Publier pour")]
    public string Scope { get; set; } = "";

    [Required(ErrorMessage = "Saisissez un titre.")]
    [StringLength(200, ErrorMessage = "Le titre ne doit pas dépasser 200 caractères.")]
    [Display(Name = "Titre")]
    public string Title { get; set; } = "";

    [Required(ErrorMessage = "Saisissez le texte de l'actualité.")]
    [StringLength(10000, ErrorMessage = "Le texte ne doit pas dépasser 10 000 caractères.")]
    [Display(Name = "Texte")]
    public string Body { get; set; } = "";

    /// <summary>Empty means now.</summary>
    [Display(Name = "Publication le")]
    public DateTime? PublishAt { get; set; }

    [Display(Name = "Retirer le")]
    public DateTime? ExpiresAt { get; set; }

    [Display(Name = "Important : épingler en tête")]
    public bool IsImportant { get; set; }
}
