using System.ComponentModel.DataAnnotations;

namespace Preau.Web.Modules.LiaisonBook.Notes;

/// <summary>The writing form of a note, shared by the class page and the director's several-classes page.</summary>
public sealed class NoteInput
{
    [Required(ErrorMessage = "Saisissez un titre.")]
    [StringLength(200, ErrorMessage = "Le titre ne doit pas dépasser 200 caractères.")]
    [Display(Name = "Titre")]
    public string Title { get; set; } = "";

    [Required(ErrorMessage = "Saisissez le texte du mot.")]
    [StringLength(8000, ErrorMessage = "Le texte ne doit pas dépasser 8 000 caractères.")]
    [Display(Name = "Texte du mot")]
    public string Body { get; set; } = "";

    /// <summary>"classe" or "eleves".</summary>
    public string Recipients { get; set; } = "classe";

    public List<Guid> PupilIds { get; set; } = [];

    public List<Guid> ClassIds { get; set; } = [];

    [StringLength(300, ErrorMessage = "La question ne doit pas dépasser 300 caractères.")]
    [Display(Name = "Question")]
    public string? Question { get; set; }

    [StringLength(1000, ErrorMessage = "Les réponses ne doivent pas dépasser 1 000 caractères.")]
    [Display(Name = "Réponses possibles")]
    public string? Choices { get; set; }

    /// <summary>Files to attach; never redisplayed (a browser cannot refill a file input), the rest of the form is.</summary>
    public List<IFormFile> Attachments { get; set; } = [];

    [Display(Name = "Les deux responsables doivent signer")]
    public bool RequiresBothGuardians { get; set; }

    /// <summary>The choices, one per line; "Oui" and "Non" when a question has none.</summary>
    public string? NormalizedChoices()
    {
        if (string.IsNullOrWhiteSpace(Question))
        {
            return null;
        }
        var lines = (Choices ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        return string.Join('\n', lines.Count >= 2 ? lines : ["Oui", "Non"]);
    }
}
