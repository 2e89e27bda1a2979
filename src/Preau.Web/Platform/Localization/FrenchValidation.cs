using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Preau.Web.Platform.Localization;

/// <summary>
/// The framework's own validation and binding messages in French. Forms give their own messages where they can
/// (« Saisissez le prénom. »); what they leave to the framework — a length limit, a date that is not a date, a field made
/// required by its non-nullable type — otherwise reached people in English (« The field Prénom must be a string with a
/// maximum length of 100. »), and in the attributes the browser's validation shows too.
/// </summary>
internal static class FrenchValidation
{
    public static void Configure(MvcOptions options)
    {
        var m = options.ModelBindingMessageProvider;
        m.SetValueMustNotBeNullAccessor(_ => "Ce champ est obligatoire.");
        m.SetMissingBindRequiredValueAccessor(_ => "Ce champ est obligatoire.");
        m.SetMissingKeyOrValueAccessor(() => "Ce champ est obligatoire.");
        m.SetMissingRequestBodyRequiredValueAccessor(() => "Le formulaire est vide.");
        m.SetAttemptedValueIsInvalidAccessor((value, _) => $"« {value} » n'est pas une valeur possible ici.");
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"« {value} » n'est pas une valeur possible ici.");
        m.SetUnknownValueIsInvalidAccessor(_ => "Cette valeur n'est pas possible ici.");
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Cette valeur n'est pas possible ici.");
        m.SetValueIsInvalidAccessor(value => $"« {value} » n'est pas une valeur possible ici.");
        m.SetValueMustBeANumberAccessor(_ => "Saisissez un nombre.");
        m.SetNonPropertyValueMustBeANumberAccessor(() => "Saisissez un nombre.");
        options.ModelMetadataDetailsProviders.Add(new AttributeMessages());
    }

    /// <summary>
    /// Gives the data-annotation attributes that carry no message of their own a French one; runs after the framework's
    /// provider, so the « required » it adds for non-nullable types is covered too.
    /// </summary>
    private sealed class AttributeMessages : IValidationMetadataProvider
    {
        public void CreateValidationMetadata(ValidationMetadataProviderContext context)
        {
            foreach (var attribute in context.ValidationMetadata.ValidatorMetadata.OfType<ValidationAttribute>())
            {
                if (attribute.ErrorMessage is not null || attribute.ErrorMessageResourceName is not null)
                {
                    continue;
                }
                // {0} is the field's name, {1} and {2} the attribute's bounds.
                attribute.ErrorMessage = attribute switch
                {
                    RequiredAttribute => "Ce champ est obligatoire.",
                    StringLengthAttribute { MinimumLength: > 0 } => "Entre {2} et {1} caractères.",
                    StringLengthAttribute or MaxLengthAttribute => "{1} caractères au plus.",
                    MinLengthAttribute => "{1} caractères au moins.",
                    RangeAttribute => "Une valeur entre {1} et {2}.",
                    EmailAddressAttribute => "Cette adresse électronique n'est pas valable.",
                    _ => null,
                };
            }
        }
    }
}
