namespace Evident.Core.EffectSizes;

/// <summary>How to estimate a mean and SD from a median with IQR and/or range, when the user asks for it.</summary>
public enum MedianConversion
{
    /// <summary>Do not convert; a row with only a median is missing its mean.</summary>
    None,
    /// <summary>Means and SDs by Wan et al. (2014).</summary>
    Wan,
    /// <summary>Means by Luo et al. (2018), SDs by Shi et al. (2020) (Wan et al. 2014 where Shi gives no improvement).</summary>
    LuoShi,
}
