using System.Collections.Generic;

namespace OrderService;

/// <summary>Where prices come from: a catalogue service, a database.</summary>
public interface IPriceSource
{
    /// <summary>Loads the current price of every product, by SKU.</summary>
    IReadOnlyDictionary<string, decimal> LoadPrices();
}
