using System.Text;
using Preau.Web.Modules.Documents.Contracts;
using Preau.Web.Modules.Documents.Data;

namespace Preau.Web.Modules.Documents;

/// <summary>The demo's « Informations aux familles » folder in a class space, through the same upload as the page.</summary>
internal sealed class DocumentsDemo(DocumentActions actions) : IDocumentsDemo
{
    private const string Supplies = """
        Liste de fournitures — CE1

        - une trousse avec deux crayons à papier, une gomme, un taille-crayon ;
        - quatre stylos (bleu, vert, rouge, noir) ;
        - une règle plate de 20 cm ;
        - un bâton de colle et une paire de ciseaux à bouts ronds ;
        - une ardoise, un feutre effaçable et un chiffon.

        Merci de marquer chaque affaire au nom de votre enfant.
        """;

    public async Task SeedClassDocumentsAsync(Guid classId, Guid teacherId, CancellationToken ct = default)
    {
        var space = new DocSpace(DocSpaceType.Class, classId, "");
        var folder = await actions.CreateFolderAsync(space, null, "Informations aux familles", teacherId, ct);
        await actions.UploadAsync(space, folder.Id,
            [new DocUploadItem("Liste de fournitures.txt", () => new MemoryStream(Encoding.UTF8.GetBytes(Supplies)))], teacherId, ct);
    }
}
