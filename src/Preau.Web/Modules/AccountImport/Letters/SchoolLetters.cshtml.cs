using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.AccountImport.Letters;

/// <summary>Login letters for every pupil of the school's current classes and their guardians, for its directors.</summary>
[Authorize(Policy = Policies.SchoolStaff)]
public sealed class SchoolLettersModel(ScopeAccess scopes, AccessContext context, IConfiguration configuration) : LettersPageModel(configuration)
{
    public string SchoolName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await scopes.CanManageSchoolAsync(id, ct) || await LoadAsync(id, ct) is null)
        {
            return NotFound();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await scopes.CanManageSchoolAsync(id, ct) || await LoadAsync(id, ct) is not { } selection)
        {
            return NotFound();
        }
        if (selection.Recipients.Count == 0)
        {
            Message = "Aucun compte à imprimer.";
            return Page();
        }
        var pdf = await Letters.PrintAsync(selection, LoginUrl, context.PersonId, "School", id, ct: ct);
        return Pdf(pdf, "ecole " + SchoolName);
    }

    private async Task<LetterSelection?> LoadAsync(Guid id, CancellationToken ct)
    {
        Selection = await Letters.ForSchoolAsync(id, IncludeUsed, ct);
        SchoolName = Selection?.SchoolName ?? "";
        return Selection;
    }
}
