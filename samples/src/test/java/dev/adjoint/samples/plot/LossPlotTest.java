package dev.adjoint.samples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The SVG writer: well-formed, labelled, and its curve is the data, read back from the pixels. */
class LossPlotTest {

  static final String SVG_NS = "http://www.w3.org/2000/svg";

  @Test
  void isWellFormedSvgWithTitleAndAxisLabelsEscaped() throws Exception {
    Document doc = parse(LossPlot.linear("a < b & \"c\"", "epoch", "loss", 1,
        new double[] {3, 2, 1.5}).svg());
    Element root = doc.getDocumentElement();
    assertEquals("svg", root.getLocalName());
    assertEquals(SVG_NS, root.getNamespaceURI());
    assertEquals("a < b & \"c\"", text(doc, "title"));
    assertEquals("epoch", text(doc, "x-label"));
    assertEquals("loss", text(doc, "y-label"));
    assertTrue(texts(doc, "x-tick").size() >= 2);
    assertTrue(texts(doc, "y-tick").size() >= 2);
  }

  @Test
  void theCurveIsTheDataReadBackFromItsPixels() throws Exception {
    double[] values = new double[50];
    for (int i = 0; i < values.length; i++) {
      values[i] = 5 + 3 * Math.cos(i / 7.0);
    }
    Curve curve = Curve.of(parse(LossPlot.linear("t", "x", "y", 0, values).svg()));
    assertEquals(values.length, curve.x.size());
    Axis axis = Axis.linear(Arrays.stream(values).min().orElseThrow(),
        Arrays.stream(values).max().orElseThrow());
    double pixelsPerUnit = (LossPlot.HEIGHT - LossPlot.BOTTOM - LossPlot.TOP)
        / (axis.high() - axis.low());
    for (int i = 0; i < values.length; i++) {
      double value = axis.low()
          + (LossPlot.HEIGHT - LossPlot.BOTTOM - curve.y.get(i)) / pixelsPerUnit;
      // Pixels are rounded to 0.1.
      assertEquals(values[i], value, 0.051 / pixelsPerUnit, "value " + i);
    }
    // Step 0 at the axis' left end (0 is a tick), the others evenly spaced to step 49 just short
    // of its right end (50).
    assertEquals(LossPlot.LEFT, curve.x.get(0), 1e-9);
    double pixelsPerStep = (LossPlot.WIDTH - LossPlot.RIGHT - LossPlot.LEFT) / 50.0;
    for (int i = 0; i < values.length; i++) {
      assertEquals(LossPlot.LEFT + i * pixelsPerStep, curve.x.get(i), 0.051, "step " + i);
    }
  }

  @Test
  void aFallingLossIsARisingPixelRow() throws Exception {
    double[] values = new double[5000];
    for (int i = 0; i < values.length; i++) {
      values[i] = 100 * Math.exp(-i / 300.0);
    }
    Curve curve = Curve.of(parse(LossPlot.logarithmic("t", "step", "f", 0, values).svg()));
    assertEquals(LossPlot.MAX_POINTS, curve.x.size(), "long series are thinned");
    for (int i = 1; i < curve.y.size(); i++) {
      assertTrue(curve.y.get(i) >= curve.y.get(i - 1), "point " + i);
      assertTrue(curve.x.get(i) > curve.x.get(i - 1), "point " + i);
    }
    assertTrue(curve.y.get(curve.y.size() - 1) > curve.y.get(0) + 200);
  }

  @Test
  void logarithmicAxisTicksAreDecades() {
    Axis axis = Axis.logarithmic(2e-8, 24.2);
    assertEquals(-8, axis.low());
    assertEquals(2, axis.high());
    assertEquals(List.of("1e-8", "1e-6", "1e-4", "0.01", "1", "100"),
        axis.ticks().stream().map(axis::label).toList());
    Axis few = Axis.logarithmic(0.5, 30);
    assertEquals(List.of("0.1", "1", "10", "100"), few.ticks().stream().map(few::label).toList());
  }

  @Test
  void linearAxisTicksAreRoundAndCoverTheData() {
    Axis axis = Axis.linear(-9.3, 35.1);
    assertEquals(List.of("-10", "0", "10", "20", "30", "40"),
        axis.ticks().stream().map(axis::label).toList());
    Axis small = Axis.linear(0.0413, 1.0076);
    assertEquals(List.of("0.0", "0.2", "0.4", "0.6", "0.8", "1.0", "1.2"),
        small.ticks().stream().map(small::label).toList());
    Axis flat = Axis.linear(2, 2);
    assertTrue(flat.low() < 2 && flat.high() > 2);
  }

  @Test
  void rejectsWhatItCannotDraw() {
    assertThrows(IllegalArgumentException.class,
        () -> LossPlot.linear("t", "x", "y", 0, new double[] {1, Double.NaN}));
    assertThrows(IllegalArgumentException.class,
        () -> LossPlot.logarithmic("t", "x", "y", 0, new double[] {1, 0}));
    assertThrows(IllegalArgumentException.class,
        () -> LossPlot.linear("t", "x", "y", 0, new double[] {1}));
  }

  @Test
  void sameDataSameBytes() {
    double[] values = {4, 3, 2.5, 2.25};
    assertEquals(LossPlot.linear("t", "x", "y", 0, values).svg(),
        LossPlot.linear("t", "x", "y", 0, values.clone()).svg());
  }

  static Document parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  /** The one {@code <text>} of class {@code cls}. */
  static String text(Document doc, String cls) {
    List<String> all = texts(doc, cls);
    assertEquals(1, all.size(), cls);
    return all.get(0);
  }

  static List<String> texts(Document doc, String cls) {
    List<String> found = new ArrayList<>();
    NodeList nodes = doc.getElementsByTagNameNS(SVG_NS, "text");
    for (int i = 0; i < nodes.getLength(); i++) {
      Element e = (Element) nodes.item(i);
      if (e.getAttribute("class").equals(cls)) {
        found.add(e.getTextContent());
      }
    }
    return found;
  }

  /** The points of the plot's one {@code polyline}, in pixels (y grows downwards). */
  record Curve(List<Double> x, List<Double> y) {
    static Curve of(Document doc) {
      NodeList lines = doc.getElementsByTagNameNS(SVG_NS, "polyline");
      assertEquals(1, lines.getLength(), "one curve");
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (String point : ((Element) lines.item(0)).getAttribute("points").split(" ")) {
        String[] xy = point.split(",");
        x.add(Double.parseDouble(xy[0]));
        y.add(Double.parseDouble(xy[1]));
      }
      return new Curve(x, y);
    }
  }
}
