using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Modules.TownHallRequests.Data;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.TownHallRequests.Requests;

/// <summary>Filing a request for the school: type, title, description, urgency and up to five photos.</summary>
[Authorize(Policy = Policies.SchoolStaff)]
[RequestSizeLimit(TownHallDesk.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = TownHallDesk.MaxRequestBytes)]
public sealed class CreateModel(TownHallAccess access, TownHallDesk desk) : PageModel
{
    public sealed class RequestInput
    {
        [Required(ErrorMessage = "Choisissez le type de demande.")]
        public Guid? TypeId { get; set; }

        [Required(ErrorMessage = "Donnez un titre à la demande.")]
        [StringLength(150, ErrorMessage = "Le titre fait au plus 150 caractères.")]
        public string Title { get; set; } = "";

        [Required(ErrorMessage = "Décrivez la demande.")]
        [StringLength(4000, ErrorMessage = "La description fait au plus 4 000 caractères.")]
        public string Description { get; set; } = "";

        public RequestUrgency Urgency { get; set; } = RequestUrgency.Normal;

        public List<IFormFile> Photos { get; set; } = [];
    }

    [BindProperty]
    public RequestInput Input { get; set; } = new();

    public SchoolDesk School { get; private set; } = null!;
    public IReadOnlyList<RequestType> Types { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (!Enum.IsDefined(Input.Urgency))
        {
            ModelState.AddModelError("Input.Urgency", "Choisissez l'urgence.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var photos = Input.Photos.Where(f => f.Length > 0).Select(f => (f.FileName, (Func<Stream>)f.OpenReadStream)).ToList();
        var (requestId, errors) = await desk.FileAsync(School, new NewRequest(Input.TypeId!.Value, Input.Title, Input.Description, Input.Urgency, photos), ct);
        if (requestId is null)
        {
            foreach (var e in errors)
            {
                ModelState.AddModelError("Input.Photos", e);
            }
            return Page();
        }
        TempData["Notice"] = "Votre demande est envoyée à la mairie.";
        return Redirect(TownHallDesk.Url(requestId.Value));
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await access.ForSchoolAsync(id, ct) is not { } school)
        {
            return false;
        }
        School = school;
        Types = await desk.TypesAsync(school.LocalAuthorityId, includeArchived: false, ct);
        return true;
    }
}
