using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Modules.Helpdesk.Data;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Helpdesk.Tickets;

/// <summary>Any signed-in person files a ticket; the page they came from (« Besoin d'aide ? ») is attached.</summary>
[Authorize(Policy = Policies.SignedIn)]
[RequestSizeLimit(60L * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 60L * 1024 * 1024)]
public sealed class NewModel(AccessContext context, HelpdeskService helpdesk) : PageModel
{
    [BindProperty]
    public TicketInput Input { get; set; } = new();

    [BindProperty]
    public List<IFormFile> Screenshots { get; set; } = [];

    public sealed class TicketInput
    {
        public TicketCategory Category { get; set; } = TicketCategory.Autre;

        [Required(ErrorMessage = "Donnez un titre à votre demande.")]
        [StringLength(200, ErrorMessage = "Le titre fait au plus 200 caractères.")]
        public string Subject { get; set; } = "";

        [Required(ErrorMessage = "Décrivez le problème.")]
        [StringLength(HelpdeskService.MaxTextLength, ErrorMessage = "La description fait au plus 8 000 caractères.")]
        public string Description { get; set; } = "";

        public string? PageUrl { get; set; }
    }

    public void OnGet(string? depuis) => Input.PageUrl = HelpdeskService.SafeLocalPath(depuis);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Enum.IsDefined(Input.Category))
        {
            ModelState.AddModelError("Input.Category", "Choisissez une catégorie.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var a = await context.GetAsync(ct);
        var (ticket, error) = await helpdesk.CreateAsync(a.PersonId, Input.Category, Input.Subject, Input.Description, Input.PageUrl, Screenshots, ct);
        if (ticket is null)
        {
            ModelState.AddModelError(nameof(Screenshots), error ?? "Les captures n'ont pas pu être enregistrées.");
            return Page();
        }
        TempData["Notice"] = "Votre demande est envoyée à l'assistance. Vous serez prévenu(e) de chaque réponse.";
        return Redirect(HelpdeskService.Url(ticket));
    }
}
