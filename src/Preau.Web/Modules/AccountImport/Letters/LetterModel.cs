namespace Preau.Web.Modules.AccountImport.Letters;

/// <summary>A child named on a guardian's letter, with the class they are in this year.</summary>
public sealed record LetterChild(string Name, string? ClassName);

/// <summary>Someone who gets a letter: a pupil (their class) or an adult (their children).</summary>
public sealed record LetterRecipient(
    Guid PersonId, string FirstName, string LastName, string Login, bool IsPupil, string? ClassName,
    IReadOnlyList<LetterChild> Children, bool AlreadyUsed)
{
    public string Name => $"{FirstName} {LastName}";
}

/// <summary>Who is printed, in print order (each pupil followed by their guardians), and who was left out because they already logged in.</summary>
public sealed record LetterSelection(string SchoolName, string Title, IReadOnlyList<LetterRecipient> Recipients, int UsedLeftOut);

/// <summary>A recipient and the first password just generated for them: lives only in memory and on paper.</summary>
public sealed record PrintedLetter(LetterRecipient Recipient, string Password);
