namespace OrderService;

public sealed record Order(int Id, string Customer, decimal Total);
