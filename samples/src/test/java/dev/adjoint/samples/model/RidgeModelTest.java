package dev.adjoint.samples.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.GradientCheck;
import dev.adjoint.runtime.LinearAlgebra;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The instance-method model's gradient against its closed form and finite differences. */
class RidgeModelTest {

  @Test
  void gradientMatchesTheClosedForm() {
    RidgeModel model = RidgeModel.synthetic(30, 0.3, 4);
    Random r = new Random(8);
    for (int trial = 0; trial < 5; trial++) {
      double[] w = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
      var g = RidgeModelAdjoint.loss(model, w);
      assertEquals(model.loss(w), g.value(), 0);
      // (1/n) Xᵀ(Xw − y) + λw
      double[] residual = LinearAlgebra.sub(LinearAlgebra.matVec(model.features, w),
          model.targets);
      double[] expected = LinearAlgebra.add(
          LinearAlgebra.scale(1.0 / model.targets.length,
              LinearAlgebra.vecMat(residual, model.features)),
          LinearAlgebra.scale(model.lambda, w));
      for (int j = 0; j < w.length; j++) {
        assertEquals(expected[j], g.dW()[j], 1e-12 * Math.max(1, Math.abs(expected[j])));
      }
      assertTrue(GradientCheck.maxRelativeError(model::loss, w, g.dW()) < 1e-6);
    }
  }

  @Test
  void trainingReachesTheClosedForm() {
    RidgeModel model = RidgeModel.synthetic(200, 0.01, 17);
    double[] w = model.train(300, 0.5);
    double[] exact = model.closedForm();
    for (int j = 0; j < w.length; j++) {
      assertEquals(exact[j], w[j], 1e-6, "w[" + j + "]");
    }
  }
}
