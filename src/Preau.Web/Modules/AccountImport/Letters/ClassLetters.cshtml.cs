using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.AccountImport.Letters;

/// <summary>Login letters for the pupils of a class and their guardians, for those who manage the class.</summary>
[Authorize(Policy = Policies.SchoolStaff)]
public sealed class ClassLettersModel(ScopeAccess scopes, AccessContext context, IConfiguration configuration)
    : LettersPageModel(configuration)
{
    public string ClassName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await scopes.CanManageClassAsync(id, ct) || await LoadAsync(id, ct) is null)
        {
            return NotFound();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await scopes.CanManageClassAsync(id, ct) || await LoadAsync(id, ct) is not { } selection)
        {
            return NotFound();
        }
        if (selection.Recipients.Count == 0)
        {
            Message = "Aucun compte à imprimer.";
            return Page();
        }
        var pdf = await Letters.PrintAsync(selection, LoginUrl, context.PersonId, "Class", id, ct: ct);
        return Pdf(pdf, "classe " + ClassName);
    }

    private async Task<LetterSelection?> LoadAsync(Guid id, CancellationToken ct)
    {
        Selection = await Letters.ForClassAsync(id, IncludeUsed, ct);
        ClassName = Selection?.Title ?? "";
        return Selection;
    }
}
