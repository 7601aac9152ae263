package jgrad.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.concurrent.Callable;
import jgrad.manual.AddLayer;
import jgrad.manual.MulLayer;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;
import jgrad.viz.Dot;
import jgrad.viz.LayerGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The computational graph of shopping (ゼロから作るDeep Learning, chapter 5): 2 apples at 100 and
 * 3 oranges at 150 with tax 1.1, built from the hand-written {@link MulLayer} and {@link AddLayer}.
 * Forward gives the price (715); backward from {@code dprice = 1} gives the derivative of the price
 * by every input (2.2, 110, 3.3, 165, 650). Draws the graph with the values forward and the
 * gradients backward on its edges ({@code shopping.svg}).
 */
@Command(name = "shopping", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "apples and oranges with tax on hand-written MulLayer/AddLayer: price 715 forward, gradients 2.2, 110, 3.3, 165, 650 backward",
        footerHeading = "%nExample:%n", footer = "  ./jgrad example shopping --apples 4 --tax 1.08")
public final class Shopping implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Output output;

    @Option(names = "--apple", defaultValue = "100", description = "price of one apple (default: ${DEFAULT-VALUE})")
    double apple;

    @Option(names = "--apples", defaultValue = "2", description = "number of apples (default: ${DEFAULT-VALUE})")
    double appleNum;

    @Option(names = "--orange", defaultValue = "150", description = "price of one orange (default: ${DEFAULT-VALUE})")
    double orange;

    @Option(names = "--oranges", defaultValue = "3", description = "number of oranges (default: ${DEFAULT-VALUE})")
    double orangeNum;

    @Option(names = "--tax", defaultValue = "1.1", description = "tax factor (default: ${DEFAULT-VALUE})")
    double tax;

    /** The inputs. */
    record Basket(double apple, double appleNum, double orange, double orangeNum, double tax) {}

    /**
     * Every value forward and every gradient {@code d price / d value} backward.
     *
     * @param applePrice {@code apple * appleNum}
     * @param orangePrice {@code orange * orangeNum}
     * @param allPrice {@code applePrice + orangePrice}
     * @param price {@code allPrice * tax}
     */
    record Bill(Basket basket, double applePrice, double orangePrice, double allPrice, double price,
                double dApple, double dAppleNum, double dOrange, double dOrangeNum, double dTax,
                double dApplePrice, double dOrangePrice, double dAllPrice) {}

    /** Forward and backward through the four layers of the book's figure. */
    static Bill compute(Basket b) {
        var mulApple = new MulLayer();
        var mulOrange = new MulLayer();
        var addAppleOrange = new AddLayer();
        var mulTax = new MulLayer();
        // forward
        Tensor applePrice = mulApple.forward(number(b.apple()), number(b.appleNum()));
        Tensor orangePrice = mulOrange.forward(number(b.orange()), number(b.orangeNum()));
        Tensor allPrice = addAppleOrange.forward(applePrice, orangePrice);
        Tensor price = mulTax.forward(allPrice, number(b.tax()));
        // backward
        Tensor[] dAllPriceTax = mulTax.backward(number(1));
        Tensor[] dApplePriceOrangePrice = addAppleOrange.backward(dAllPriceTax[0]);
        Tensor[] dOrange = mulOrange.backward(dApplePriceOrangePrice[1]);
        Tensor[] dApple = mulApple.backward(dApplePriceOrangePrice[0]);
        return new Bill(b, applePrice.item(), orangePrice.item(), allPrice.item(), price.item(),
                dApple[0].item(), dApple[1].item(), dOrange[0].item(), dOrange[1].item(), dAllPriceTax[1].item(),
                dApplePriceOrangePrice[0].item(), dApplePriceOrangePrice[1].item(), dAllPriceTax[0].item());
    }

    private static Tensor number(double v) {
        return Tensor.scalar(DType.FLOAT64, v);
    }

    /** {@code v} to 10 significant digits without trailing zeros: 715.0000000000001 prints as 715, as in the book. */
    static String plain(double v) {
        return new BigDecimal(v).round(new MathContext(10)).stripTrailingZeros().toPlainString();
    }

    /** Computes the bill and prints it to {@code out}. */
    Bill run(PrintStream out) {
        Checks.require(spec, Double.isFinite(apple + appleNum + orange + orangeNum + tax), "prices, counts and --tax must be numbers");
        Bill bill = compute(new Basket(apple, appleNum, orange, orangeNum, tax));
        out.printf(Locale.ROOT, "%s apples at %s, %s oranges at %s, tax %s (MulLayer x3, AddLayer x1)%n",
                plain(appleNum), plain(apple), plain(orangeNum), plain(orange), plain(tax));
        out.println("forward:  price = " + plain(bill.price()));
        out.println("backward: d price / d apple        = " + plain(bill.dApple()));
        out.println("          d price / d apple count  = " + plain(bill.dAppleNum()));
        out.println("          d price / d orange       = " + plain(bill.dOrange()));
        out.println("          d price / d orange count = " + plain(bill.dOrangeNum()));
        out.println("          d price / d tax          = " + plain(bill.dTax()));
        return bill;
    }

    /** The graph of the bill with every value forward and every gradient backward, for {@link Dot#graph(LayerGraph)}. */
    static LayerGraph graph(Bill b) {
        Basket in = b.basket();
        var g = new LayerGraph();
        var apple = g.input("apple", in.apple());
        var appleNum = g.input("apple count", in.appleNum());
        var orange = g.input("orange", in.orange());
        var orangeNum = g.input("orange count", in.orangeNum());
        var tax = g.input("tax", in.tax());
        var applePrice = g.layer("×", "apple price", b.applePrice(), apple, appleNum);
        var orangePrice = g.layer("×", "orange price", b.orangePrice(), orange, orangeNum);
        var allPrice = g.layer("+", "fruit price", b.allPrice(), applePrice, orangePrice);
        var price = g.layer("×", "price", b.price(), allPrice, tax);
        return g.gradient(price, 1).gradient(allPrice, b.dAllPrice()).gradient(tax, b.dTax())
                .gradient(applePrice, b.dApplePrice()).gradient(orangePrice, b.dOrangePrice())
                .gradient(apple, b.dApple()).gradient(appleNum, b.dAppleNum())
                .gradient(orange, b.dOrange()).gradient(orangeNum, b.dOrangeNum());
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = output.stream();
        Bill bill = run(out);
        out.println(output.graph(Dot.graph(graph(bill)), "shopping"));
        return 0;
    }
}
